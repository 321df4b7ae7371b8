import { type RouterInputs } from "@fastnext/api";

/** All types and template versions on one screen: installations have tens, not thousands. */
export const TYPES_INPUT: RouterInputs["workflows"]["types"]["list"] = { limit: 100, cursor: null };
export const ALL_TEMPLATES_INPUT: RouterInputs["workflows"]["templates"]["list"] = {
  limit: 100,
  cursor: null,
};
