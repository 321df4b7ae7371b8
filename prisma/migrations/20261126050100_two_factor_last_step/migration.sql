-- Two-factor replay protection: the time step of the last TOTP code the
-- server accepted for a user. A code is accepted only for a later step, so
-- a code seen over someone's shoulder (or used already) cannot be used a
-- second time within its validity window (RFC 6238, section 5.2).
-- No new table: the column is covered by the users policies.

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "two_factor_last_step" INTEGER;

-- Written in the user's own scoped transaction (sign-in, two-factor set-up).
GRANT UPDATE ("two_factor_last_step") ON TABLE "users" TO fastnext_app;
