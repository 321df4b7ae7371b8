export {
  backoffDelay,
  DEFAULT_POLICY,
  describeExit,
  Supervisor,
  type ChildHandle,
  type ChildSpec,
  type ExitReason,
  type GiveUp,
  type SupervisorLog,
  type SupervisorOptions,
  type SupervisorPolicy,
} from "./supervisor";
export { isRunning, spawnProcessGroup } from "./process-group";
