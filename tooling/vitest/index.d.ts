import { type ViteUserConfig } from "vitest/config";

export interface ProjectOptions {
  /** The project talks to PostgreSQL: start the shared test server first. */
  database?: boolean;
  testTimeout?: number;
}

export function fastnextProject(name: string, options?: ProjectOptions): ViteUserConfig;
