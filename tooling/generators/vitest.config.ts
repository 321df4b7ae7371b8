import { fastnextProject } from "@fastnext/vitest-config";

// database: the end-to-end test generates into a copy of the repository and runs its tests
// against the run's PostgreSQL; it takes minutes, not seconds.
export default fastnextProject("generators", { database: true, testTimeout: 300_000 });
