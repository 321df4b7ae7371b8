-- Worker heartbeats: one row per running worker process, written every few
-- seconds by the worker itself through its system login, so readiness can
-- tell an operator that no worker is running while events pile up.
--
-- A table of our own rather than pg-boss state: pg-boss records when its
-- maintenance last ran, but any one instance does that for all of them, at
-- its own interval, and not at all when maintenance is turned off, so it
-- does not say whether a worker is consuming jobs. A row per instance also
-- shows how many run and since when.

CREATE TABLE "worker_heartbeats" (
    "instance_id" UUID NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "beat_at" TIMESTAMPTZ(3) NOT NULL,
    "interval_seconds" INTEGER NOT NULL,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("instance_id"),
    CONSTRAINT "worker_heartbeats_interval_seconds_check" CHECK ("interval_seconds" > 0)
);

-- Only the worker's login reads and writes the rows. The application role
-- gets no grant on the table, only the summary function below.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "worker_heartbeats" TO fastnext_system;
ALTER TABLE "worker_heartbeats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "worker_heartbeats" FORCE ROW LEVEL SECURITY;

-- How many workers beat within three of their own intervals, and when the
-- last beat of any worker was. The clock is the database's on both sides,
-- so skew between machines does not matter. SECURITY DEFINER owned by the
-- system login, with a fixed search_path: readiness calls it as the
-- application role, before any request context exists.
CREATE FUNCTION app.worker_status()
  RETURNS TABLE (alive integer, last_beat_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT (count(*) FILTER (WHERE h.beat_at > now() - make_interval(secs => 3 * h.interval_seconds)))::integer,
           max(h.beat_at)
      FROM public.worker_heartbeats h
  $$;

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.worker_status() OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;
REVOKE EXECUTE ON FUNCTION app.worker_status() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.worker_status() TO fastnext_app;
