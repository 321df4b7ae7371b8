import { router } from "../../trpc/procedures";
import { changePassword } from "./change-password";
import { identitiesRouter } from "./identities";
import { login } from "./login";
import { logout } from "./logout";
import { logoutAll } from "./logout-all";
import { oauthRouter } from "./oauth";
import { refresh } from "./refresh";
import { register } from "./register";
import { requestPasswordReset } from "./request-password-reset";
import { resetPassword } from "./reset-password";
import { sessionsRouter } from "./sessions";
import { verifyTwoFactor } from "./verify-two-factor";

export const authRouter = router({
  register,
  login,
  verifyTwoFactor,
  refresh,
  logout,
  logoutAll,
  changePassword,
  requestPasswordReset,
  resetPassword,
  sessions: sessionsRouter,
  identities: identitiesRouter,
  oauth: oauthRouter,
});
