import { pageOutputSchema } from "@fastnext/core";
import { ZActivityViewSchema } from "@fastnext/core/users";

export const ZUsersActivitiesListOutputSchema = pageOutputSchema(ZActivityViewSchema);
