/**
 * Every metric the product exports, by name: the dashboards, the alert
 * rules and the admin page read these. Renaming one breaks them, so add
 * rather than rename. Each is created in exactly one place (db.ts, api.ts,
 * worker.ts); the labels listed are the only ones it carries, each with a
 * fixed set of values.
 */
export const METRIC = {
  /** labels procedure (the router path), type (query|mutation|subscription), code (OK or the tRPC error code) */
  trpcCalls: "fastnext_trpc_calls_total",
  trpcDuration: "fastnext_trpc_call_duration_seconds",
  /** labels procedure, type: statements sent to PostgreSQL while one call ran */
  statementsPerCall: "fastnext_db_statements_per_call",
  /** labels handler (trpc|metrics), status (the HTTP status code) */
  httpResponses: "fastnext_http_responses_total",
  /** labels pool (app|system), state (total|idle|waiting) */
  poolConnections: "fastnext_db_pool_connections",
  /** labels pool: the pool's configured size */
  poolMax: "fastnext_db_pool_max",
  /** labels pool, outcome (commit|rollback) */
  transactionDuration: "fastnext_db_transaction_duration_seconds",
  /** labels target (replica|primary), reason (why not the replica; "none" on the replica) */
  replicaReads: "fastnext_db_replica_reads_total",
  /** 1 while read-only calls use the replica, 0 while they fall back to the primary */
  replicaUsable: "fastnext_db_replica_usable",
  /** replay lag at the last probe (absent before the first) */
  replicaLag: "fastnext_db_replica_lag_seconds",
  /** labels outcome (see SIGN_IN_OUTCOMES in @fastnext/core) */
  signIns: "fastnext_auth_sign_ins_total",
  lockOuts: "fastnext_auth_lockouts_total",
  refreshTokenReuse: "fastnext_auth_refresh_token_reuse_total",
  /** labels limiter (the limiter's key prefix, e.g. login-ip) */
  rateLimited: "fastnext_rate_limited_total",
  liveStreams: "fastnext_live_notification_streams",
  /** Workers that beat within three of their intervals, as the database sees them (web and API). */
  workersAlive: "fastnext_workers_alive",
  workflowInstancesCreated: "fastnext_workflow_instances_created_total",
  workflowTransitions: "fastnext_workflow_transitions_total",
  /** Worker only from here on. */
  workflowTimeoutsFired: "fastnext_workflow_timeouts_fired_total",
  /** labels queue, state (created|retry|active|completed|cancelled|failed) */
  queueJobs: "fastnext_queue_jobs",
  /** labels queue, outcome (completed|failed) */
  jobDuration: "fastnext_job_duration_seconds",
  /** labels queue: attempts after the first that started */
  jobRetries: "fastnext_job_retries_total",
  /** labels queue, final (true when no try is left: the job stays failed) */
  jobFailures: "fastnext_job_failures_total",
  /** labels handler: from the event's commit to its handler's completion */
  eventLag: "fastnext_event_lag_seconds",
  /** Unix time of this worker's last recorded heartbeat. */
  workerHeartbeat: "fastnext_worker_heartbeat_timestamp_seconds",
} as const;

/** tRPC codes that are the server's fault: what the error rate counts. */
export const SERVER_ERROR_CODES = [
  "INTERNAL_SERVER_ERROR",
  "TIMEOUT",
  "BAD_GATEWAY",
  "SERVICE_UNAVAILABLE",
  "GATEWAY_TIMEOUT",
] as const;
