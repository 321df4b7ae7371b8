import { fastnextProject } from "@fastnext/vitest-config";

// After every other project: it runs `next dev` in apps/web, which Next
// allows once per directory at a time (apps/web's own dev server test).
export default fastnextProject("dev-stack", { testTimeout: 300_000, runsAfterOthers: true });
