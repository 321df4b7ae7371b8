-- One SELECT policy on users, its cheap branches first.
--
-- Users were readable through two permissive policies: your own row or
-- user.read (users_select), and your co-members (users_select_co_members).
-- PostgreSQL ORs permissive policies in an order of its own, and it put the
-- co-member branch first: every read of the users table computed the
-- caller's co-member set (about 3 ms for a member of 200 projects) even for
-- the caller's own row. In one expression the branches run left to right and
-- stop at the first true one, and the co-member set is computed only for rows
-- the first two branches do not already allow.
DROP POLICY users_select_co_members ON "users";
DROP POLICY users_select ON "users";
CREATE POLICY users_select ON "users" FOR SELECT
  USING ("id" = (SELECT app.current_user_id())
         OR (SELECT app.has_permission('user.read'))
         OR "id" = ANY ((SELECT app.co_member_ids())::uuid[]));
