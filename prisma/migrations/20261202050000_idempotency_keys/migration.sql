-- Idempotency keys of creates: the first answer per caller, procedure and
-- key, recorded in the transaction of the create itself. The primary key is
-- what makes two concurrent retries with one key create one row: the second
-- INSERT waits for the first transaction and then finds its row.

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "user_id" UUID NOT NULL,
    "procedure" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "input_hash" TEXT NOT NULL,
    "answer" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id","procedure","key")
);

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- AddForeignKey
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------
-- Grants: the app claims a key, writes the answer once, and reads its own.
-- Old keys are deleted by the worker's purge on the system login.
-- ---------------------------------------------------------------------------
GRANT SELECT, INSERT ON TABLE "idempotency_keys" TO fastnext_app;
GRANT UPDATE ("answer") ON TABLE "idempotency_keys" TO fastnext_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "idempotency_keys" TO fastnext_system;

-- ---------------------------------------------------------------------------
-- Row Level Security: a caller sees and writes only their own keys.
-- ---------------------------------------------------------------------------
ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "idempotency_keys" FORCE ROW LEVEL SECURITY;
CREATE POLICY idempotency_keys_select ON "idempotency_keys" FOR SELECT
  USING ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY idempotency_keys_insert ON "idempotency_keys" FOR INSERT
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY idempotency_keys_update ON "idempotency_keys" FOR UPDATE
  USING ("user_id" = (SELECT app.current_user_id()))
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));
