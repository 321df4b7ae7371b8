import { createHmac, timingSafeEqual } from "node:crypto";

import { purposeKey, type EncryptionKeyRing } from "@fastnext/auth";

import { AppError } from "../errors";

/*
 * A download link is `/api/transfers/<id>/download?token=<expiry>.<tag>`:
 * the expiry in Unix seconds and an HMAC-SHA256 of the transfer id and the
 * expiry under a key of its own derived from the newest key of
 * AUTH_ENCRYPTION_KEYS. The link alone is not enough: the route also wants
 * the requester signed in (RLS shows the row to them only), so a leaked
 * link is useless to anyone else, and it stops working at its expiry even
 * for the requester. A key rotation ends the links made before it (they
 * live minutes; a new one is a click away).
 */

export const TRANSFERS_PATH = "/api/transfers";

const TOKEN_SHAPE = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export class DownloadLinkSigner {
  constructor(private readonly key: Uint8Array) {}

  static fromKeyRing(keys: EncryptionKeyRing): DownloadLinkSigner {
    return new DownloadLinkSigner(purposeKey("transfer-download-link", { keys }));
  }

  token(transferId: string, expiresAt: Date): string {
    const seconds = Math.floor(expiresAt.getTime() / 1000);
    return `${seconds}.${this.tagOf(transferId, seconds).toString("base64url")}`;
  }

  /** The path of the download route for `transferId`, valid until `expiresAt`. */
  path(transferId: string, expiresAt: Date): string {
    return `${TRANSFERS_PATH}/${transferId}/download?token=${this.token(transferId, expiresAt)}`;
  }

  /**
   * Checks a token for `transferId`: NOT_FOUND when it was not made here for
   * this transfer (as for a transfer one cannot see), PRECONDITION_FAILED
   * with reason `download_link_expired` when it is genuine but past its time.
   */
  check(transferId: string, token: string | null, now: Date = new Date()): void {
    const match = token === null ? null : TOKEN_SHAPE.exec(token);
    const seconds = Number(match?.[1]);
    const given = Buffer.from(match?.[2] ?? "", "base64url");
    const expected = match ? this.tagOf(transferId, seconds) : Buffer.alloc(0);
    if (!match || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppError("NOT_FOUND", "No such download", { reason: "transfer_not_found" });
    }
    if (seconds * 1000 <= now.getTime()) {
      throw new AppError(
        "PRECONDITION_FAILED",
        "This download link has expired: ask for a new one",
        {
          reason: "download_link_expired",
        },
      );
    }
  }

  private tagOf(transferId: string, seconds: number): Buffer {
    return createHmac("sha256", this.key).update(`${transferId}.${seconds}`, "utf8").digest();
  }
}
