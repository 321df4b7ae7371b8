import { fastnextProject } from "@fastnext/vitest-config";

export default fastnextProject("api-server", { database: true });
