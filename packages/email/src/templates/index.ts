export { invitationEmail, type InvitationEmail } from "./invitation";
export { passwordResetEmail, type PasswordResetEmail } from "./password-reset";
export { projectInvitationEmail, type ProjectInvitationEmail } from "./project-invitation";
export { escapeHtml, type RenderedEmail } from "./render";
export { welcomeEmail, type WelcomeEmail } from "./welcome";
export { workflowNotificationEmail, type WorkflowNotificationEmail } from "./workflow-notification";
