-- Events are enqueued through pg-boss's public send(), in the caller's
-- transaction, instead of app.emit_event's copy of pg-boss's own insert.
--
-- emitEvent (packages/events) calls send('events.dispatch', { eventId },
-- { id: eventId, db }) with an executor bound to the caller's transaction
-- and then writes the event row, so both commit or neither does, as before.
-- The application role therefore needs rights in the pgboss schema. This
-- migration gives it enough for that one job and keeps in the database what
-- app.emit_event guaranteed:
--
--   * an event is written in the caller's name only: actor and request id
--     are column defaults the role cannot override, and the insert policy
--     wants a caller (a session with no caller may write events only on a
--     login that bypasses RLS: the worker's time-outs)
--   * the role may enqueue nothing but a dispatch job named by the id of an
--     event not yet written, carrying that id, for a caller (RLS on
--     pgboss.job): it can neither feed another queue nor dispatch an
--     existing event again
--   * the role cannot write an event without its dispatch job (a trigger)
--
-- Every check is immediate. A check at commit would also hold a job without
-- its event, but a COMMIT that fails leaves Prisma 6.19's driver adapter
-- holding the connection, so a job whose event never came is allowed and
-- the dispatcher treats it as nothing to do.
--
-- What the database cannot know is the event catalogue (TypeScript):
-- emitEvent checks the name and the payload before writing anything.

DROP FUNCTION app.emit_event(text, jsonb);

-- ---------------------------------------------------------------------------
-- The event row: written by the role itself, in its caller's name.
-- ---------------------------------------------------------------------------
ALTER TABLE "domain_events"
  ALTER COLUMN "actor_id" SET DEFAULT app.current_user_id(),
  ALTER COLUMN "request_id" SET DEFAULT NULLIF(current_setting('app.request_id', true), '');

-- Not actor_id nor request_id: those come from the transaction's scope.
GRANT INSERT ("id", "name", "payload") ON TABLE "domain_events" TO fastnext_app;
-- The policy of 20261202030200_event_actors stays: actor_id must be the
-- caller, which a session without one (NULL) never satisfies.

-- Whether an event with this id exists. The application role reads no
-- events (payloads may concern other users), so the queue's policies ask
-- this function instead.
CREATE FUNCTION app.event_exists(p_event_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT EXISTS (SELECT 1 FROM public.domain_events e WHERE e.id = p_event_id)
  $$;

-- ---------------------------------------------------------------------------
-- The dispatch job: what pg-boss's send needs, and no more.
-- ---------------------------------------------------------------------------
-- send() inserts into pgboss.job, reading the queue's settings from
-- pgboss.queue, and returns the job id.
GRANT USAGE ON SCHEMA pgboss TO fastnext_app;
GRANT SELECT ON TABLE pgboss.queue TO fastnext_app;
GRANT INSERT ON TABLE pgboss.job TO fastnext_app;
GRANT SELECT ("id") ON TABLE pgboss.job TO fastnext_app;

-- Not forced: the owner (installer, migrations) and the worker's login
-- (BYPASSRLS) keep working the queue as pg-boss expects. The policies bind
-- the application role only.
ALTER TABLE pgboss.job ENABLE ROW LEVEL SECURITY;
-- A dispatch job named by the id of the event it carries, for an event
-- that does not exist yet (emitEvent writes it right after), by a caller.
CREATE POLICY job_app_insert ON pgboss.job FOR INSERT TO fastnext_app
  WITH CHECK (
    "name" = 'events.dispatch'
    AND "data" = jsonb_build_object('eventId', "id"::text)
    AND (SELECT app.current_user_id()) IS NOT NULL
    AND NOT app.event_exists("id"));
-- send() reads the new job's id back (INSERT ... RETURNING id), which RLS
-- allows only for rows the role may select. Once the event is written (in
-- the same transaction) the job is out of sight again.
CREATE POLICY job_app_select ON pgboss.job FOR SELECT TO fastnext_app
  USING ("name" = 'events.dispatch' AND NOT app.event_exists("id"));

-- ---------------------------------------------------------------------------
-- No event without its dispatch job.
-- ---------------------------------------------------------------------------
-- Logins that bypass RLS (the worker's, maintenance) could write events
-- directly before as well, and are not held to it.
CREATE FUNCTION app.require_dispatch_job() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND (r.rolbypassrls OR r.rolsuper)) THEN
      RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = 'events.dispatch' AND j.id = NEW.id) THEN
      RAISE EXCEPTION 'event % has no dispatch job: raise events with emitEvent', NEW.id
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
  END
  $$;

CREATE TRIGGER domain_events_dispatched
  AFTER INSERT ON "domain_events"
  FOR EACH ROW EXECUTE FUNCTION app.require_dispatch_job();

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.event_exists(uuid) OWNER TO fastnext_system;
ALTER FUNCTION app.require_dispatch_job() OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;
REVOKE EXECUTE ON FUNCTION app.event_exists(uuid) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.require_dispatch_job() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.event_exists(uuid) TO fastnext_app;
