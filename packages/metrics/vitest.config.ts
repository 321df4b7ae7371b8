import { fastnextProject } from "@fastnext/vitest-config";

export default fastnextProject("metrics", { database: false });
