import { fastnextProject } from "@fastnext/vitest-config";

export default fastnextProject("mobile", { database: true });
