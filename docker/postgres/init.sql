-- Runs once, when the postgres container starts on an empty data volume
-- (docker-compose.yml mounts it into /docker-entrypoint-initdb.d/).
-- The same roles provisioning makes for the embedded development server:
--   fastnext_owner  owns the database and the schema; migrations run as it
--                   (DATABASE_URL)
--   fastnext_app    the application's login (DATABASE_APP_URL): neither
--                   owner, superuser nor BYPASSRLS, so Row Level Security
--                   binds it. Migrations grant it what it needs.
--   fastnext_system BYPASSRLS but never superuser: system jobs
--                   (DATABASE_SYSTEM_URL) and owner of the sign-in helper
--                   functions, which is why the owner is a member of it.
-- Development passwords: change them (here and in docker-compose.yml) for
-- anything that is not a local machine.

CREATE ROLE fastnext_owner WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS
  PASSWORD 'fastnext_owner_dev_password';

CREATE DATABASE fastnext OWNER fastnext_owner;

CREATE ROLE fastnext_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT NOREPLICATION
  PASSWORD 'fastnext_app_dev_password';

-- Bound how long a forgotten transaction may hold locks and a connection.
ALTER ROLE fastnext_app SET idle_in_transaction_session_timeout = '15s';

CREATE ROLE fastnext_system WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS NOINHERIT NOREPLICATION
  PASSWORD 'fastnext_system_dev_password';

GRANT fastnext_system TO fastnext_owner;
