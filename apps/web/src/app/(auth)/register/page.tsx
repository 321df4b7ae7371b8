import { type Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { AuthFrame } from "~/components/auth/auth-frame";
import { RegisterForm } from "~/components/auth/register-form";
import { getViewer } from "~/trpc/server";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage() {
  if (await getViewer()) redirect("/");
  return (
    <AuthFrame
      title="Create an account"
      subtitle="Start organising your projects and workflows."
      footer={
        <>
          Already have an account? <Link href="/sign-in">Sign in</Link>
        </>
      }
    >
      <RegisterForm />
    </AuthFrame>
  );
}
