-- Domain events reach the worker through a job queue (pg-boss), enqueued in
-- the same transaction as the change, plus the tables of what the handlers
-- do: in-app notifications, outgoing e-mail, handler completions, and
-- password-reset requests.
--
-- The queue's own tables (schema pgboss) are installed by migrateDeploy
-- (packages/db/src/admin/queue-schema.ts) just before the Prisma
-- migrations, owned by the owner role like everything else. This migration
-- creates the queues, grants the worker's login (fastnext_system) what
-- pg-boss needs, and gives the application role NOTHING in that schema: it
-- enqueues only through app.emit_event, which records an event and the job
-- that dispatches it.

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "event_id" UUID,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "password_reset_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "request_ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_reset_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_handler_runs" (
    "event_id" UUID NOT NULL,
    "handler" TEXT NOT NULL,
    "completed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_handler_runs_pkey" PRIMARY KEY ("event_id","handler")
);

-- CreateTable
CREATE TABLE "outbound_emails" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "template" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "user_id" UUID,
    "claimed_until" TIMESTAMPTZ(3),
    "claimed_job" UUID,
    "claimed_attempt" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sent_at" TIMESTAMPTZ(3),
    "skipped_at" TIMESTAMPTZ(3),
    "message_id" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_emails_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_id_idx" ON "notifications"("user_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "notifications_event_id_user_id_kind_key" ON "notifications"("event_id", "user_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "password_reset_tokens_token_hash_key" ON "password_reset_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "password_reset_tokens_user_id_idx" ON "password_reset_tokens"("user_id");

-- CreateIndex
CREATE INDEX "password_reset_tokens_expires_at_idx" ON "password_reset_tokens"("expires_at");

-- CreateIndex
CREATE INDEX "outbound_emails_created_at_idx" ON "outbound_emails"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_emails_event_id_template_recipient_key" ON "outbound_emails"("event_id", "template", "recipient");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The unread badge counts one user's unread rows: keep that index small.
CREATE INDEX "notifications_user_id_unread_idx" ON "notifications"("user_id") WHERE "read_at" IS NULL;

-- ---------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------
-- Notifications are written by the worker only. A user may read theirs and
-- mark them read (read_at is the only column the app may change).
GRANT SELECT ON TABLE "notifications" TO fastnext_app;
GRANT UPDATE ("read_at") ON TABLE "notifications" TO fastnext_app;
-- A reset request is created and spent inside a transaction acting as its user.
GRANT SELECT, INSERT, UPDATE ON TABLE "password_reset_tokens" TO fastnext_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "notifications", "password_reset_tokens", "event_handler_runs",
  "outbound_emails" TO fastnext_system;

-- ---------------------------------------------------------------------------
-- Row Level Security
-- ---------------------------------------------------------------------------
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;
CREATE POLICY notifications_select ON "notifications" FOR SELECT
  USING ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY notifications_update ON "notifications" FOR UPDATE
  USING ("user_id" = (SELECT app.current_user_id()))
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));

ALTER TABLE "password_reset_tokens" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "password_reset_tokens" FORCE ROW LEVEL SECURITY;
CREATE POLICY password_reset_tokens_select ON "password_reset_tokens" FOR SELECT
  USING ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY password_reset_tokens_insert ON "password_reset_tokens" FOR INSERT
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY password_reset_tokens_update ON "password_reset_tokens" FOR UPDATE
  USING ("user_id" = (SELECT app.current_user_id()))
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));

-- Worker bookkeeping: the application role has no grant on these, and the
-- system login bypasses RLS. Enabled and forced all the same, so a future
-- grant cannot expose them without a policy.
ALTER TABLE "event_handler_runs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "event_handler_runs" FORCE ROW LEVEL SECURITY;
ALTER TABLE "outbound_emails" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "outbound_emails" FORCE ROW LEVEL SECURITY;

-- ---------------------------------------------------------------------------
-- Password reset, before anyone is signed in: finds a request by the hash of
-- its secret (the same narrow shape as app.auth_find_refresh_token).
-- ---------------------------------------------------------------------------
CREATE FUNCTION app.auth_find_password_reset(p_token_hash text)
  RETURNS TABLE (token_id uuid, user_id uuid, expires_at timestamptz, used_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT t.id, t.user_id, t.expires_at, t.used_at
      FROM public.password_reset_tokens t
     WHERE t.token_hash = p_token_hash
  $$;

-- ---------------------------------------------------------------------------
-- The queues. Retry and time-out settings here are defaults: the worker
-- applies its configured values (WORKER_* variables) when it starts.
-- ---------------------------------------------------------------------------
SELECT pgboss.create_queue('events.dispatch',
  '{"policy": "standard", "retryLimit": 5, "retryDelay": 2, "retryBackoff": true, "expireInSeconds": 60}'::json);
SELECT pgboss.create_queue('events.handle',
  '{"policy": "standard", "retryLimit": 5, "retryDelay": 5, "retryBackoff": true, "expireInSeconds": 120}'::json);
SELECT pgboss.create_queue('maintenance.purge',
  '{"policy": "standard", "retryLimit": 2, "retryDelay": 30, "expireInSeconds": 300}'::json);
SELECT pgboss.create_queue('workflows.timeouts',
  '{"policy": "standard", "retryLimit": 2, "retryDelay": 10, "expireInSeconds": 300}'::json);
-- pg-boss's own queue for cron schedules: creating a queue is DDL, which the
-- worker's login may not run.
SELECT pgboss.create_queue('__pgboss__send-it', '{"policy": "standard"}'::json);

GRANT USAGE ON SCHEMA pgboss TO fastnext_system;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE pgboss.job, pgboss.archive, pgboss.schedule TO fastnext_system;
GRANT SELECT, UPDATE ON TABLE pgboss.version, pgboss.queue TO fastnext_system;
GRANT SELECT ON TABLE pgboss.subscription TO fastnext_system;
-- Creating and dropping queues changes the schema: migrations only.
REVOKE EXECUTE ON FUNCTION pgboss.create_queue(text, json) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pgboss.delete_queue(text) FROM PUBLIC;

-- ---------------------------------------------------------------------------
-- app.emit_event, redefined: records the event AND enqueues the job that
-- dispatches it to its handlers, both in the caller's transaction, so a job
-- exists if and only if the change committed. It now runs as its owner
-- (fastnext_system) so that the application role needs no right on the
-- queue at all; the event is still written in the caller's name only.
-- The job row follows pg-boss's own insert: settings from the queue row.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION app.emit_event(p_name text, p_payload jsonb) RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  DECLARE
    v_id uuid := gen_random_uuid();
  BEGIN
    INSERT INTO public.domain_events (id, name, payload, actor_id, request_id)
    VALUES (v_id, p_name, p_payload, app.current_user_id(), NULLIF(current_setting('app.request_id', true), ''));

    INSERT INTO pgboss.job (name, data, retry_limit, retry_delay, retry_backoff, expire_in, keep_until,
                            dead_letter, policy)
    SELECT q.name,
           jsonb_build_object('eventId', v_id),
           coalesce(q.retry_limit, 2),
           CASE WHEN coalesce(q.retry_backoff, false) THEN greatest(coalesce(q.retry_delay, 1), 1)
                ELSE coalesce(q.retry_delay, 0) END,
           coalesce(q.retry_backoff, false),
           coalesce(q.expire_seconds, 900) * interval '1 second',
           now() + coalesce(q.retention_minutes, 20160) * interval '1 minute',
           q.dead_letter,
           q.policy
      FROM pgboss.queue q
     WHERE q.name = 'events.dispatch';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the events.dispatch queue is missing' USING ERRCODE = 'undefined_object';
    END IF;
    RETURN v_id;
  END
  $$;

-- Queued, running and failed jobs per queue, for admin statistics. Asks for
-- system.read itself: a caller without it gets no rows.
CREATE FUNCTION app.job_counts()
  RETURNS TABLE (queue text, queued bigint, active bigint, failed bigint)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT j.name,
           count(*) FILTER (WHERE j.state IN ('created', 'retry')),
           count(*) FILTER (WHERE j.state = 'active'),
           count(*) FILTER (WHERE j.state = 'failed')
      FROM pgboss.job j
     WHERE (SELECT app.has_permission('system.read')) AND NOT starts_with(j.name, '__pgboss__')
     GROUP BY j.name
  $$;

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.emit_event(text, jsonb) OWNER TO fastnext_system;
ALTER FUNCTION app.job_counts() OWNER TO fastnext_system;
ALTER FUNCTION app.auth_find_password_reset(text) OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;

REVOKE EXECUTE ON FUNCTION app.emit_event(text, jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.job_counts() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.auth_find_password_reset(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.emit_event(text, jsonb) TO fastnext_app, fastnext_system;
GRANT EXECUTE ON FUNCTION app.job_counts() TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.auth_find_password_reset(text) TO fastnext_app;
