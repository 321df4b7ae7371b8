/** The signed-in user's own account: profile, settings, two-factor sign-in, activity. */
export { getMyActivity, listMyActivities } from "./activities";
export { ZActivityViewSchema } from "./activity-view";
export { readMe, ZMeSchema } from "./me";
export { updateProfile } from "./profile";
export { getUserSettings, updateUserSettings } from "./settings";
export { confirmTwoFactor, disableTwoFactor, setupTwoFactor } from "./two-factor";
export { ZUserViewSchema } from "./view";
