import { fastnextProject } from "@fastnext/vitest-config";

// database: the end-to-end test generates into a copy of the repository and runs its tests
// against the run's PostgreSQL: two to four minutes on two busy cores, more under heavy load.
export default fastnextProject("generators", { database: true, testTimeout: 600_000 });
