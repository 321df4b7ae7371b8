// .mts: the app's package is CommonJS (Metro and Babel read its configs so),
// and a CommonJS config that requires the ESM shared config races the other
// projects' configs as Vitest loads them all at once.
import { fastnextProject } from "@fastnext/vitest-config";

export default fastnextProject("mobile", { database: true });
