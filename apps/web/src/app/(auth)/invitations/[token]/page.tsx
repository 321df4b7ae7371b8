import { TRPCError } from "@trpc/server";
import { type Metadata } from "next";
import Link from "next/link";

import { Alert } from "@fastnext/ui";
import { ZInvitationTokenSchema } from "@fastnext/validators";

import { AuthFrame } from "~/components/auth/auth-frame";
import { InvitationAnswer } from "~/components/auth/invitation-answer";
import { getViewer, serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Invitation" };

/** The invitation behind the link, or why it cannot be used (expired, withdrawn, answered, unknown). */
async function findInvitation(token: string) {
  const parsed = ZInvitationTokenSchema.safeParse(token);
  if (!parsed.success) return { refused: "This invitation link is not valid" } as const;
  try {
    return {
      invitation: await (await serverCaller()).invitations.get({ token: parsed.data }),
    } as const;
  } catch (error) {
    if (
      error instanceof TRPCError &&
      ["NOT_FOUND", "PRECONDITION_FAILED", "BAD_REQUEST"].includes(error.code)
    ) {
      return { refused: error.message } as const;
    }
    throw error;
  }
}

/**
 * The page an invitation mail links to. Signed in with the invited address:
 * accept or decline. Signed out: sign in, or create the account for that
 * address and join in one step.
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [found, viewer] = await Promise.all([findInvitation(token), getViewer()]);
  if ("refused" in found) {
    return (
      <AuthFrame title="Invitation" footer={<Link href="/">Go to FastNext</Link>}>
        <Alert tone="error" title={found.refused}>
          Ask the person who invited you to send a new invitation.
        </Alert>
      </AuthFrame>
    );
  }
  const { invitation } = found;
  return (
    <AuthFrame
      title={`Join ${invitation.projectName}`}
      subtitle={`${invitation.inviterName ?? "Someone"} invited ${invitation.email} to this project.`}
    >
      <InvitationAnswer
        token={token}
        invitation={invitation}
        viewerEmail={viewer?.user.email ?? null}
      />
    </AuthFrame>
  );
}
