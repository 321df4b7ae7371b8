// Screen and hook tests: jest-expo runs the app's components under Node with
// React Native's test renderer. The data layer's HTTP tests are Vitest's
// (test/data, the workspace's `vitest run`).
const expoPreset = require("jest-expo/jest-preset");

// jest-expo transforms React Native's and Expo's packages; the typed
// client's superjson (and its dependencies) ship ES modules only.
const ESM_ONLY = ["superjson", "copy-anything", "is-what"];

module.exports = {
  preset: "jest-expo",
  testMatch: ["<rootDir>/test/screens/**/*.test.tsx"],
  setupFiles: ["<rootDir>/jest.setup.js"],
  transformIgnorePatterns: expoPreset.transformIgnorePatterns.map((pattern, index) =>
    index === 0 ? pattern.replace("(?!(", `(?!(${ESM_ONLY.join("|")}|`) : pattern,
  ),
};
