import { z } from "zod";

import { parseEnv, type EnvDocs, type EnvSource } from "@fastnext/config";

import { EMPTY_ALLOW_LIST, parseAllowList, type WebhookAllowList } from "./address-policy";

const allowList = z
  .string()
  .default("")
  .transform((value, ctx): WebhookAllowList => {
    const parsed = parseAllowList(value.split(","));
    if ("invalid" in parsed) {
      ctx.addIssue({
        code: "custom",
        message: `"${parsed.invalid}" is not a host name, an IP address or a CIDR range`,
      });
      return z.NEVER;
    }
    return parsed;
  });

/** What registering endpoints (the API) and delivering to them (the worker) share. */
export const webhookEnvShape = {
  /**
   * Comma-separated host names, IP addresses and CIDR ranges webhooks may
   * reach although they are not public (loopback, private, link-local...).
   * Empty: only public addresses.
   */
  WEBHOOK_ALLOWED_HOSTS: allowList,
  /** How long the secret before a rotation still signs deliveries. */
  WEBHOOK_SECRET_GRACE_HOURS: z.coerce.number().min(0).max(720).default(24),
};

/** The README's configuration table (`pnpm docs:env`). */
export const webhookEnvDocs: EnvDocs<typeof webhookEnvShape> = {
  WEBHOOK_ALLOWED_HOSTS: {
    description:
      "comma-separated host names, IP addresses and CIDR ranges webhooks may reach although not public (e.g. `127.0.0.1,10.0.0.0/8` in development); see `docs/webhooks.md`",
    default: "empty: public addresses only",
  },
  WEBHOOK_SECRET_GRACE_HOURS:
    "how long a webhook endpoint's previous secret still signs deliveries after a rotation",
};

/** The webhook settings services and the worker use. */
export interface WebhookSettings {
  allowList: WebhookAllowList;
  /** How long a rotated-out secret keeps signing. */
  secretGraceSeconds: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowList: EMPTY_ALLOW_LIST,
  secretGraceSeconds: 24 * 3600,
};

export function readWebhookEnv(source: EnvSource): WebhookSettings {
  const env = parseEnv("webhooks", webhookEnvShape, source);
  return {
    allowList: env.WEBHOOK_ALLOWED_HOSTS,
    secretGraceSeconds: Math.round(env.WEBHOOK_SECRET_GRACE_HOURS * 3600),
  };
}
