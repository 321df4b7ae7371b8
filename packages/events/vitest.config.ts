import { fastnextProject } from "@fastnext/vitest-config";

export default fastnextProject("events", { database: true });
