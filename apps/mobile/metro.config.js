// Expo's defaults find the workspace root and pnpm's linked packages by themselves.
const { getDefaultConfig } = require("expo/metro-config");

module.exports = getDefaultConfig(__dirname);
