/**
 * What the services report for the operator's figures (sign-ins, lock-outs,
 * workflow activity). A port: the core calls it, the process's composition
 * root supplies an implementation (`@fastnext/metrics`), and without one
 * nothing is recorded. Outcomes are a fixed set, so whatever records them
 * keeps bounded label sets.
 */
export const SIGN_IN_OUTCOMES = [
  "signed_in",
  "two_factor_required",
  "invalid_credentials",
  "locked",
  "inactive",
  "rate_limited",
  "error",
] as const;

export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

/** This process's recent tRPC traffic, for the admin page. */
export interface TrafficFigures {
  /** How far back the figures reach (at most about five minutes). */
  windowSeconds: number;
  requestsPerSecond: number;
  /** Calls that ended in a server error, as a share of all calls (0 without calls). */
  errorRatio: number;
  /** Upper bound of the slowest 5 % of calls' durations; null without calls. */
  p95Seconds: number | null;
}

export interface Telemetry {
  /** One password sign-in attempt and how it ended. */
  signIn(outcome: SignInOutcome): void;
  /** An account was just locked by one wrong password (or code) too many. */
  lockOut(): void;
  /** A spent refresh token was presented again: its session was revoked. */
  refreshTokenReuse(): void;
  workflowInstanceCreated(): void;
  workflowTransition(): void;
  /** Recent traffic of this process, or null when nothing measures it. */
  traffic(): Promise<TrafficFigures | null>;
}

export const noTelemetry: Telemetry = {
  signIn: () => undefined,
  lockOut: () => undefined,
  refreshTokenReuse: () => undefined,
  workflowInstanceCreated: () => undefined,
  workflowTransition: () => undefined,
  traffic: () => Promise.resolve(null),
};

/** The recorder of `deps`, or one that records nothing. */
export function telemetryOf(deps: { telemetry?: Telemetry }): Telemetry {
  return deps.telemetry ?? noTelemetry;
}
