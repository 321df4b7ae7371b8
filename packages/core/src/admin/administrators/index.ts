export { adminCreateCli, adminCreateEnvDocs, adminCreateEnvShape, type AdminCreateIo } from "./cli";
export {
  createOrPromoteAdministrator,
  type AdministratorOutcome,
  type AdministratorRequest,
} from "./create-or-promote";
