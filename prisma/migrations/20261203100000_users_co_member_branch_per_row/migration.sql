-- The co-member branch of the users SELECT policy asks about the row at hand.
--
-- It was `id = ANY (app.co_member_ids())`: every statement that reached the
-- branch built the caller's whole co-member set first, about 2,000 users
-- and 430 buffers for a member of 200 projects, to show the ten names of
-- one page of projects.members.list. Now the branch reads the memberships
-- of the row's user (the (user_id, project_id) index) and asks whether one
-- of them is a project of the caller's. The rows allowed are the same: a
-- user is a co-member exactly when they have a membership in one of the
-- caller's projects, and project_members' own policy (which binds the
-- subquery) shows every membership of those projects. `ARRAY(...) &&`
-- rather than EXISTS or IN: those the planner may turn back into one hashed
-- set of every co-member.
--
-- The branches keep their order (own row, user.read, then co-members), so
-- reading yourself still skips the costly one.
DROP POLICY users_select ON "users";
CREATE POLICY "users_select" ON "users"
  FOR SELECT
  USING ("id" = (SELECT app.current_user_id()) OR (SELECT app.has_permission('user.read')) OR (SELECT app.my_project_ids('viewer')) && ARRAY(SELECT m.project_id FROM public.project_members m WHERE m.user_id = "users"."id"));

-- Nothing else used the whole set.
DROP FUNCTION app.co_member_ids();
