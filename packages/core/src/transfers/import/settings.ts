import { type ObjectStorage } from "@fastnext/storage";

import { type CoreDeps } from "../../deps";
import { transferSettings } from "../download";
import { type ImportLimits } from "./limits";

/** Where import files are kept and how much one may hold. */
export function importSettings(deps: CoreDeps): { storage: ObjectStorage; limits: ImportLimits } {
  const settings = transferSettings(deps);
  return { storage: settings.storage, limits: settings.importLimits };
}
