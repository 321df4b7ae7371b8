-- Foundation: the application role and the users table.
--
-- Migrations run as the schema owner. The application logs in as
-- fastnext_app, which is neither owner, superuser nor BYPASSRLS. It gets
-- exactly the grants written in each migration, so RLS policies bind it.
-- Provisioning usually creates the role first, with a password. This
-- fallback keeps a hand-provisioned server working.
-- (Comments stay free of semicolons: stock Prisma adapters split scripts on them.)
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fastnext_app') THEN
    CREATE ROLE fastnext_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- The app may use the schema but never create objects in it.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO fastnext_app;

-- The readiness check compares applied migrations with the build's list.
GRANT SELECT ON TABLE "_prisma_migrations" TO fastnext_app;

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "is_superuser" BOOLEAN NOT NULL DEFAULT false,
    "failed_login_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    -- Emails are stored normalised, so the unique index is case-insensitive.
    CONSTRAINT "users_email_normalised" CHECK ("email" = lower(btrim("email")))
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

GRANT SELECT, INSERT, UPDATE ON TABLE "users" TO fastnext_app;
