import { fastnextProject } from "@fastnext/vitest-config";

export default fastnextProject("storage", { database: false });
