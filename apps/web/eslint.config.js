export { default } from "@fastnext/eslint-config/next";
