-- Domain events, recorded in the transaction of the change that raised them.
-- Services call app.emit_event(name, payload). It is the one way in, so how
-- events reach the worker can change without touching the services.

-- CreateTable
CREATE TABLE "domain_events" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "actor_id" UUID,
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "domain_events_name_created_at_idx" ON "domain_events"("name", "created_at");

-- CreateIndex
CREATE INDEX "domain_events_created_at_idx" ON "domain_events"("created_at");


GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "domain_events" TO fastnext_system;

ALTER TABLE "domain_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "domain_events" FORCE ROW LEVEL SECURITY;
-- The application only ever adds events, in its caller's name. It reads none:
-- payloads may concern other users. The worker reads them on the system login.
CREATE POLICY domain_events_insert ON "domain_events" FOR INSERT
  WITH CHECK ("actor_id" IS NOT DISTINCT FROM (SELECT app.current_user_id()));

-- Records an event for the current transaction's caller and returns its id.
-- Runs as the caller (SECURITY INVOKER): RLS and grants apply as usual.
CREATE FUNCTION app.emit_event(p_name text, p_payload jsonb) RETURNS uuid
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog
  AS $$
  DECLARE
    v_id uuid := gen_random_uuid();
  BEGIN
    INSERT INTO public.domain_events (id, name, payload, actor_id, request_id)
    VALUES (v_id, p_name, p_payload, app.current_user_id(), NULLIF(current_setting('app.request_id', true), ''));
    RETURN v_id;
  END
  $$;

GRANT INSERT ON TABLE "domain_events" TO fastnext_app;
REVOKE EXECUTE ON FUNCTION app.emit_event(text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.emit_event(text, jsonb) TO fastnext_app, fastnext_system;
