/** Answering a project invitation: reading it by its secret, accepting, declining, registering from it. */
export { acceptInvitation } from "./accept";
export { declineInvitation } from "./decline";
export { getInvitation } from "./get";
export { registerFromInvitation } from "./register";
export { ZInvitationPublicViewSchema, ZJoinOutcomeSchema } from "./view";
