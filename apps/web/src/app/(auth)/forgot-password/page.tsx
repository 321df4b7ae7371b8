import { type Metadata } from "next";
import Link from "next/link";

import { AuthFrame } from "~/components/auth/auth-frame";
import { ForgotPasswordForm } from "~/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <AuthFrame
      title="Forgot your password?"
      subtitle="Enter your e-mail address and we will send you a link to choose a new one."
      footer={
        <>
          Remembered it? <Link href="/sign-in">Sign in</Link>
        </>
      }
    >
      <ForgotPasswordForm />
    </AuthFrame>
  );
}
