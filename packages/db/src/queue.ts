/**
 * The PostgreSQL schema of the job queue (pg-boss). Owned by the owner role
 * like every other object; the migrations grant the worker's login what it
 * needs and the application role only the enqueueing of an event's
 * dispatch job.
 */
export const QUEUE_SCHEMA = "pgboss";
