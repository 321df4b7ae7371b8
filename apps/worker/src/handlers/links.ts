/**
 * Every link a message carries, in one place (the web app's routes). Built
 * from APP_URL; path segments are ids, never free text.
 */
export interface Links {
  signIn(): string;
  resetPassword(token: string): string;
  invitation(token: string): string;
  project(projectId: string): string;
  workflowInstance(projectId: string, instanceId: string): string;
}

export function createLinks(appUrl: string): Links {
  const at = (path: string) =>
    new URL(path, appUrl.endsWith("/") ? appUrl : `${appUrl}/`).toString();
  return {
    signIn: () => at("sign-in"),
    resetPassword: (token) => at(`reset-password?token=${encodeURIComponent(token)}`),
    invitation: (token) => at(`invitations/${encodeURIComponent(token)}`),
    project: (projectId) => at(`projects/${encodeURIComponent(projectId)}`),
    workflowInstance: (projectId, instanceId) =>
      at(`projects/${encodeURIComponent(projectId)}/instances/${encodeURIComponent(instanceId)}`),
  };
}
