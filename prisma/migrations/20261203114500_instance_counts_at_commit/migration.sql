-- Open-instance counts are applied as the transaction commits, not as the
-- row changes. A row trigger locks its project's counters row until the
-- transaction ends, so with immediate triggers every writer starting or
-- completing instances in one project waited for the previous writer's
-- whole transaction (the activity entry, the events, everything after the
-- INSERT): in a 10-minute soak at 32 connections, with one request in four
-- starting an instance in the same project, most pooled connections sat
-- waiting on that one row. Deferred to commit, a writer holds the row only
-- while its COMMIT runs. The transaction that starts or completes an
-- instance does not see its own change in the count before it commits (no
-- procedure reads it there); every other reader sees exact counts. Member
-- counts stay immediate: creating a project answers with its member count.
DROP TRIGGER workflow_instances_count_insert ON "workflow_instances";
DROP TRIGGER workflow_instances_count_update ON "workflow_instances";
DROP TRIGGER workflow_instances_count_delete ON "workflow_instances";

CREATE CONSTRAINT TRIGGER workflow_instances_count_insert AFTER INSERT ON "workflow_instances"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW."completed_at" IS NULL)
  EXECUTE FUNCTION app.count_open_instance();
-- A row's project never changes (workflow_instances_check_update refuses it).
CREATE CONSTRAINT TRIGGER workflow_instances_count_update AFTER UPDATE ON "workflow_instances"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN ((OLD."completed_at" IS NULL) IS DISTINCT FROM (NEW."completed_at" IS NULL))
  EXECUTE FUNCTION app.count_open_instance();
CREATE CONSTRAINT TRIGGER workflow_instances_count_delete AFTER DELETE ON "workflow_instances"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD."completed_at" IS NULL)
  EXECUTE FUNCTION app.count_open_instance();
