/** Sign-in with external identity providers: linked identities, one-time codes of the phone flow. */
export { issueCode, redeemCode, type CodeIntent, type IssueCodeInput } from "./codes";
export { exchangeOAuthCode } from "./exchange";
export { resolveExternalAccount, verifiedEmailOf } from "./external-account";
export { linkIdentity, linkIdentityWithCode } from "./link";
export { listSignInMethods, removeIdentity } from "./manage";
export { signInExternal } from "./sign-in";
export {
  ZIdentityRemoveInputSchema,
  ZLinkedIdentityViewSchema,
  ZSignInMethodsViewSchema,
  type IdentityRemoveInput,
  type LinkedIdentityView,
  type SignInMethodsView,
} from "./view";
