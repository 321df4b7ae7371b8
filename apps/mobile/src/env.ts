import { z } from "zod";

import { parseEnv, type EnvDocs, type EnvSource } from "@fastnext/config";

export const mobileEnvShape = {
  /**
   * Where the API's routes live: the API server's origin in development
   * (`http://192.168.1.20:4000`, printed by `pnpm dev` with API_HOST=0.0.0.0),
   * or the web app's `/api` (`https://app.example.com/api`).
   */
  EXPO_PUBLIC_API_URL: z
    .url()
    .refine((value) => /^https?:\/\//.test(value), "must be an http:// or https:// URL")
    .transform((value) => value.replace(/\/+$/, "")),
};

/** The README's configuration table (`pnpm docs:env`). */
export const mobileEnvDocs: EnvDocs<typeof mobileEnvShape> = {
  EXPO_PUBLIC_API_URL:
    "where the phone app reaches the API: the API server's origin (it serves `/trpc`, e.g. `http://192.168.1.20:4000`) or the web app's `/api`; built into the app bundle",
};

export function readMobileEnv(source: EnvSource) {
  return parseEnv("mobile app", mobileEnvShape, source);
}

export type MobileEnv = ReturnType<typeof readMobileEnv>;

/**
 * The app's configuration. Expo writes EXPO_PUBLIC_* values into the bundle
 * where the code names them in full, so each is read by its own name here.
 */
export function mobileEnv(): MobileEnv {
  const apiUrl: unknown = process.env.EXPO_PUBLIC_API_URL;
  return readMobileEnv({ EXPO_PUBLIC_API_URL: typeof apiUrl === "string" ? apiUrl : undefined });
}
