import { fastnextProject } from "@fastnext/vitest-config";

export default fastnextProject("supervisor", { testTimeout: 20_000 });
