import { fastnextProject } from "@fastnext/vitest-config";

export default fastnextProject("rate-limit", { database: false });
