/**
 * What the outermost layer of a server needs, without the router: the
 * client's address, https detection and the security headers. The web app's
 * proxy.ts imports this (and nothing heavier) from `@fastnext/api/edge`.
 */
export {
  clientAddress,
  parseTrustedProxies,
  servedOverHttps,
  trustNoProxy,
  type TrustProxy,
} from "./client-address";
export {
  API_CONTENT_SECURITY_POLICY,
  pageContentSecurityPolicy,
  securityHeaders,
  type SecurityHeaderOptions,
} from "./security-headers";
