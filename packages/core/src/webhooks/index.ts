/*
 * Outbound webhooks: endpoints and their deliveries (the services the API
 * calls), and what the worker shares with them: the address policy, the
 * signature and the sealed secret (docs/webhooks.md).
 */
export {
  connectionHost,
  EMPTY_ALLOW_LIST,
  isPublicAddress,
  mayConnect,
  parseAllowList,
  refusedDestination,
  type WebhookAllowList,
} from "./address-policy";
export { listWebhookDeliveries, pingWebhook, redeliverWebhook } from "./deliveries";
export {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "./endpoints";
export {
  DEFAULT_WEBHOOK_SETTINGS,
  readWebhookEnv,
  webhookEnvDocs,
  webhookEnvShape,
  type WebhookSettings,
} from "./env";
export {
  ZWebhookDeliveryIdInputSchema,
  ZWebhookDeliveryListInputSchema,
  ZWebhookEndpointIdInputSchema,
  ZWebhookEndpointListInputSchema,
} from "./input";
export { newWebhookSecret, openWebhookSecret, sealWebhookSecret } from "./secret";
export {
  verifyWebhookSignature,
  WEBHOOK_HEADERS,
  webhookSignature,
  webhookSignatureHeader,
  type VerifyWebhookInput,
} from "./signature";
export {
  ZWebhookDeliveryViewSchema,
  ZWebhookEndpointViewSchema,
  ZWebhookEndpointWithSecretSchema,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from "./view";
