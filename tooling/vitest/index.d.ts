import { type ViteUserConfig } from "vitest/config";

export interface ProjectOptions {
  /** The project talks to PostgreSQL: start the shared test server first. */
  database?: boolean;
  testTimeout?: number;
  /** Start once every other project is done: it uses something only one test may use at a time. */
  runsAfterOthers?: boolean;
}

export function fastnextProject(name: string, options?: ProjectOptions): ViteUserConfig;
