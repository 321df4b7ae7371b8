import { fastnextProject } from "@fastnext/vitest-config";

export default fastnextProject("core", { database: true });
