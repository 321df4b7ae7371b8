import base from "@fastnext/eslint-config";

/**
 * The app ships to phones: it may know the API's types, never its code.
 * Runtime imports of workspace packages are limited to the client-safe
 * ones; scripts/export.ts checks the real bundle as well.
 */
export default [
  ...base,
  { ignores: ["metro.config.js", "jest.config.js", "jest.setup.js", ".expo/**"] },
  {
    files: ["src/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@fastnext/(?!(client|validators|config)$)",
              allowTypeImports: true,
              message:
                "Only `import type` from server packages: their code must not reach the app bundle.",
            },
            {
              group: ["node:*", "@prisma/*", "pg", "pino", "argon2", "@node-rs/*", "jose"],
              message: "Server-only modules must not reach the app bundle.",
            },
          ],
        },
      ],
    },
  },
];
