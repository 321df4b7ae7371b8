import { z } from "zod";

/**
 * Global setup hands the server's address to the test workers through
 * their environment (workers are started after it, and inherit it).
 */
const ZStateSchema = z.object({
  E2E_BASE_URL: z.url(),
  E2E_ADMIN_DB_URL: z.string().min(1),
  E2E_MAIL_DIR: z.string().min(1),
  E2E_OIDC_CONTROL_URL: z.url(),
});

export interface E2eState {
  baseUrl: string;
  adminDbUrl: string;
  mailDir: string;
  oidcControlUrl: string;
}

export function publishState(state: E2eState): void {
  process.env.E2E_BASE_URL = state.baseUrl;
  process.env.E2E_ADMIN_DB_URL = state.adminDbUrl;
  process.env.E2E_MAIL_DIR = state.mailDir;
  process.env.E2E_OIDC_CONTROL_URL = state.oidcControlUrl;
}

export function readState(): E2eState {
  const env = ZStateSchema.parse(process.env);
  return {
    baseUrl: env.E2E_BASE_URL,
    adminDbUrl: env.E2E_ADMIN_DB_URL,
    mailDir: env.E2E_MAIL_DIR,
    oidcControlUrl: env.E2E_OIDC_CONTROL_URL,
  };
}
