import tseslint from "typescript-eslint";

/**
 * Shared lint rules. Type-aware: every package lints against its own
 * tsconfig, so unsafe `any` flows and floating promises are caught.
 */
export default tseslint.config(
  { ignores: ["**/dist/**", "**/.next/**", "**/generated/**", "**/*.config.*", "**/.turbo/**"] },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports" },
      ],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-confusing-void-expression": "off",
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { attributes: false } },
      ],
      // Configuration is read once, validated, in each package's env.ts.
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through the package's validated env.ts.",
        },
      ],
    },
  },
  {
    // The unscoped (BYPASSRLS) client is for system jobs only: no procedure
    // and no web code may reach it.
    files: ["packages/api/**", "apps/web/**", "**/src/**"],
    ignores: ["apps/worker/**", "packages/db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@fastnext/db/system",
              message: "The system client bypasses RLS: only the worker's system jobs may use it.",
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      "**/env.ts",
      "**/*.test.ts",
      "**/test/**",
      "**/testing/**",
      "**/scripts/**",
      "**/e2e/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["**/*.test.ts", "**/test/**", "**/e2e/**"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
    },
  },
);
