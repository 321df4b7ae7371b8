import { z } from "zod";

// The pages' Content-Security-Policy allows no eval. Zod compiles a fast
// path for object schemas with `new Function` (and probes for it first),
// which the policy refuses and reports; in the browser it runs without.
if (typeof window !== "undefined") z.config({ jitless: true });
