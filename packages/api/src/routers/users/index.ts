import { router } from "../../trpc/procedures";
import { activitiesRouter } from "./activities";
import { me } from "./me";
import { twoFactorRouter } from "./security/two-factor";
import { settingsRouter } from "./settings";
import { updateProfile } from "./update-profile";

export const usersRouter = router({
  me,
  updateProfile,
  settings: settingsRouter,
  activities: activitiesRouter,
  security: router({ twoFactor: twoFactorRouter }),
});
