import { fastnextProject } from "@fastnext/vitest-config";

export default fastnextProject("config", { database: false });
