import { fastnextProject } from "@fastnext/vitest-config";

// Each case cruises a small tree of its own; the TypeScript parser is slow to start.
export default fastnextProject("boundaries", { testTimeout: 30_000 });
