-- Owners invite by address through project_invitations now. The lookup
-- that told them whether an address had an account (and added that account
-- without its consent) goes.
DROP FUNCTION app.project_invitee_id(uuid, text);
