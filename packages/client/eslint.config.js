import base from "@fastnext/eslint-config";

/**
 * The client ships inside the phone app and scripts: it may know the API's
 * types, never its code. Runtime imports are limited to the tRPC client
 * side and superjson; test/bundle.test.ts checks the built bundle as well.
 */
export default [
  ...base,
  {
    files: ["src/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@fastnext/*", "@fastnext/*/**"],
              allowTypeImports: true,
              message:
                "Only `import type` from workspace packages: their code must not reach the client bundle.",
            },
            {
              regex: "^@trpc/server(?!/observable$)",
              allowTypeImports: true,
              message: "Only @trpc/server/observable (client-safe) may be imported at runtime.",
            },
            {
              group: ["node:*", "@prisma/*", "pg", "pino", "argon2", "@node-rs/*", "jose"],
              message: "Server-only modules must not reach the client bundle.",
            },
          ],
        },
      ],
    },
  },
];
