import { type TransferKind } from "@fastnext/validators";

import { exportRunner } from "./export/runner";
import { importRunner } from "./import/runner";
import { type TransferRunner } from "./run";

/** The runner of each kind of transfer; the worker runs a transfer with the one of its kind. */
export const transferRunners: Readonly<Record<TransferKind, TransferRunner | undefined>> = {
  export: exportRunner,
  import: importRunner,
};
