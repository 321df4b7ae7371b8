import { type AccessTokenConfig, type EncryptionKeyRing } from "@fastnext/auth";
import { type PrismaClient } from "@fastnext/db";
import { type RateLimiter } from "@fastnext/rate-limit";
import { type ObjectStorage } from "@fastnext/storage";

import { type NotificationHub } from "./notifications/hub";
import { type CursorSigner } from "./pagination/cursor";
import { type DownloadLinkSigner } from "./transfers/download-link";
import { type ImportLimits } from "./transfers/import/limits";
import { type Telemetry } from "./telemetry";
import { type WebhookSettings } from "./webhooks/env";

/** Sign-in protection: numbers an operator may tune. */
export interface LoginPolicy {
  /** Wrong passwords in a row that lock the account. */
  lockThreshold: number;
  lockSeconds: number;
}

/** The limits services enforce themselves (sign-in, registration, invitations). */
export interface ServiceLimiters {
  loginPerIp: RateLimiter;
  loginPerAccount: RateLimiter;
  registerPerIp: RateLimiter;
  refreshPerIp: RateLimiter;
  /** Password-reset requests and redemptions (optional: defaults in auth/password-reset.ts). */
  passwordResetPerIp?: RateLimiter;
  passwordResetPerAccount?: RateLimiter;
  /** Project invitations sent, per inviter. */
  invitationsPerInviter: RateLimiter;
}

/** Where item attachments are kept, and the largest one accepted (ATTACHMENT_MAX_BYTES). */
export interface AttachmentSettings {
  storage: ObjectStorage;
  maxBytes: number;
}

/** Where exports and imports keep their files, and how their download links are signed. */
export interface TransferServiceSettings {
  storage: ObjectStorage;
  links: DownloadLinkSigner;
  /** How long a download link works (TRANSFER_LINK_TTL_SECONDS). */
  linkTtlSeconds: number;
  /** How large an import's file and rows may be (TRANSFER_IMPORT_MAX_*). */
  importLimits: ImportLimits;
}

/**
 * Everything a service needs from outside itself, built once per process
 * by the app's composition root (tests build their own with smaller
 * limits). Nothing in here reads the environment.
 */
export interface CoreDeps {
  /** The application role's pool. RLS-bound: unscoped queries see nothing. */
  pool: PrismaClient;
  tokens: AccessTokenConfig;
  refreshTokenTtlDays: number;
  loginPolicy: LoginPolicy;
  limiters: ServiceLimiters;
  /** The encryption key ring (AUTH_ENCRYPTION_KEYS): seals two-factor seeds, keys backup-code digests. */
  encryptionKeys: EncryptionKeyRing;
  /** Signs and checks pagination cursors (a key of its own, derived from the ring's newest key). */
  cursors: CursorSigner;
  /** Wakes live notification subscriptions; without it live notifications are refused. */
  notifications?: NotificationHub;
  /** Webhook address allow-list and secret grace period; unset: public addresses only, 24 h. */
  webhooks?: WebhookSettings;
  /** Attachment storage; unset: uploads and downloads are refused as unavailable. */
  attachments?: AttachmentSettings;
  /** Export and import files; unset: exports and imports are refused as unavailable. */
  transfers?: TransferServiceSettings;
  /** Where services report sign-ins, lock-outs and workflow activity; unset: nowhere. */
  telemetry?: Telemetry;
}
