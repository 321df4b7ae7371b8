import { z } from "zod";

import { ZIdentityProviderSchema } from "@fastnext/validators";

/** A linked identity as its owner sees it (the provider's account id stays server-side). */
export const ZLinkedIdentityViewSchema = z.object({
  id: z.uuid(),
  provider: ZIdentityProviderSchema,
  /** The verified e-mail the provider gave when it was linked. */
  email: z.string(),
  createdAt: z.date(),
});
export type LinkedIdentityView = z.infer<typeof ZLinkedIdentityViewSchema>;

/** The account page's sign-in methods: linked identities, and whether a password is set. */
export const ZSignInMethodsViewSchema = z.object({
  hasPassword: z.boolean(),
  identities: z.array(ZLinkedIdentityViewSchema),
});
export type SignInMethodsView = z.infer<typeof ZSignInMethodsViewSchema>;

export const linkedIdentitySelect = {
  id: true,
  provider: true,
  emailAtLink: true,
  createdAt: true,
} as const;

export function toLinkedIdentityView(row: {
  id: string;
  provider: string;
  emailAtLink: string;
  createdAt: Date;
}): LinkedIdentityView {
  return {
    id: row.id,
    provider: ZIdentityProviderSchema.parse(row.provider),
    email: row.emailAtLink,
    createdAt: row.createdAt,
  };
}

/** What `account.identities.remove` takes. */
export const ZIdentityRemoveInputSchema = z.object({ id: z.uuid() });
export type IdentityRemoveInput = z.infer<typeof ZIdentityRemoveInputSchema>;
