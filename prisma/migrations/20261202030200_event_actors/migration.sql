-- An event is raised by a signed-in caller, in that caller's name.
--
-- app.emit_event runs as its owner, which bypasses RLS, so the insert policy
-- never bound it, and an unscoped connection of the application role could
-- raise events in nobody's name. Now a session with no caller may emit only
-- when its login bypasses RLS anyway: the worker's system login firing
-- workflow time-outs (and superuser maintenance). Every application path
-- that raises an event (registration, password reset included) already
-- runs in a transaction acting as its user.
-- The application role loses its direct INSERT on domain_events: an event
-- written around app.emit_event would get no dispatch job and never reach a
-- handler. The insert policy stays as a backstop, without the NULL loophole
-- (NULL IS NOT DISTINCT FROM NULL is true).
CREATE OR REPLACE FUNCTION app.emit_event(p_name text, p_payload jsonb) RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  DECLARE
    v_id uuid := gen_random_uuid();
    v_actor uuid := app.current_user_id();
  BEGIN
    IF v_actor IS NULL AND NOT EXISTS (
         SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND (r.rolbypassrls OR r.rolsuper)) THEN
      RAISE EXCEPTION 'app.emit_event needs a caller: raise events in a transaction scoped to a user'
        USING ERRCODE = 'insufficient_privilege';
    END IF;

    INSERT INTO public.domain_events (id, name, payload, actor_id, request_id)
    VALUES (v_id, p_name, p_payload, v_actor, NULLIF(current_setting('app.request_id', true), ''));

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

REVOKE INSERT ON TABLE "domain_events" FROM fastnext_app;
DROP POLICY domain_events_insert ON "domain_events";
CREATE POLICY domain_events_insert ON "domain_events" FOR INSERT
  WITH CHECK ("actor_id" = (SELECT app.current_user_id()));

