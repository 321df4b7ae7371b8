export { default } from "@fastnext/eslint-config";
