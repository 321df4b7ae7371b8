/**
 * `pnpm auth:key-ids`: the key ids the environment's key sets hold, in
 * order (the first signs or encrypts), never the keys. A single key
 * (AUTH_JWT_SECRET, AUTH_ENCRYPTION_KEY) shows the id derived from it,
 * the one to list it under when moving to AUTH_JWT_SECRETS or
 * AUTH_ENCRYPTION_KEYS.
 */
import { configOrExit } from "@fastnext/config";

import { readAuthEnv } from "../src/env";

const env = configOrExit(() => readAuthEnv(process.env));
console.log(`AUTH_JWT_SECRETS:     ${env.jwtKeys.map((key) => key.kid).join(", ")}`);
console.log(`AUTH_ENCRYPTION_KEYS: ${env.encryptionKeys.map((key) => key.kid).join(", ")}`);
