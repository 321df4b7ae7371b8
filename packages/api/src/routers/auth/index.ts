import { router } from "../../trpc/procedures";
import { changePassword } from "./change-password";
import { login } from "./login";
import { logout } from "./logout";
import { logoutAll } from "./logout-all";
import { refresh } from "./refresh";
import { register } from "./register";
import { sessionsRouter } from "./sessions";

export const authRouter = router({
  register,
  login,
  refresh,
  logout,
  logoutAll,
  changePassword,
  sessions: sessionsRouter,
});
