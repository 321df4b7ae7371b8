/** Projects, their members and the invitations their owners send. */
export { requireProjectRole, type ProjectAccess } from "./access";
export { setProjectArchived } from "./archive";
export { createProject } from "./create";
export { deleteProject } from "./delete";
export { getProject } from "./get";
export { createInvitation } from "./invitations/create";
export { listInvitations } from "./invitations/list";
export { revokeInvitation } from "./invitations/revoke";
export { ZProjectInvitationViewSchema } from "./invitations/view";
export { listProjects } from "./list";
export { addMember } from "./members/add";
export { listMembers } from "./members/list";
export { removeMember } from "./members/remove";
export { updateMemberRole } from "./members/update-role";
export { ZProjectMemberViewSchema } from "./members/view";
export { updateProject } from "./update";
export { ZProjectViewSchema } from "./view";
