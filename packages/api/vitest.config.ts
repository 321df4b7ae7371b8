import { fastnextProject } from "@fastnext/vitest-config";

export default fastnextProject("api", { database: true });
