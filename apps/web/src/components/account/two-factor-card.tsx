"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { QRCodeSVG } from "qrcode.react";
import { useState, type SubmitEvent } from "react";

import { Alert, Badge, Button } from "@fastnext/ui";
import { ZTwoFactorConfirmInputSchema, ZTwoFactorDisableInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { formValues, useFormErrors } from "../form/use-form-errors";
import { useViewer } from "../shell/viewer";
import { CopyButton } from "../ui/copy-button";
import { downloadText } from "../ui/download";
import { TextField } from "../ui/field";
import { useToast } from "../ui/toast";

/** "JBSWY3DPEHPK3PXP" as "JBSW Y3DP EHPK 3PXP": easier to read out and type by hand. */
function groupInFours(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(" ");
}

function backupCodesFile(codes: string[], email: string | undefined): string {
  return [
    email ? `FastNext backup codes for ${email}` : "FastNext backup codes",
    "Each code signs in once, in place of a code from the authenticator app.",
    "",
    ...codes,
    "",
  ].join("\n");
}

/**
 * Two-factor sign-in: set up (a secret for the authenticator app, then a
 * first code to confirm it), backup codes shown once, and turning it off
 * with a code or the password.
 */
export function TwoFactorCard() {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const errors = useFormErrors();
  const { user } = useViewer();
  const enabled = user.twoFactorEnabled === true;
  const [backupCodes, setBackupCodes] = useState<string[] | null>(null);
  const setup = useMutation(
    trpc.users.security.twoFactor.setup.mutationOptions({
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const confirm = useMutation(trpc.users.security.twoFactor.confirm.mutationOptions());
  const disable = useMutation(trpc.users.security.twoFactor.disable.mutationOptions());

  async function onConfirm(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const input = errors.validate(ZTwoFactorConfirmInputSchema, formValues(target), target);
    if (!input) return;
    try {
      const result = await confirm.mutateAsync(input);
      setBackupCodes(result.backupCodes);
      setup.reset();
      toast.success("Two-factor sign-in is on.");
      router.refresh();
    } catch (error) {
      errors.fromServer(error, target);
    }
  }

  async function onDisable(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const values = formValues(target);
    const input = errors.validate(
      ZTwoFactorDisableInputSchema,
      {
        ...(values.code?.trim() ? { code: values.code } : {}),
        ...(values.password ? { password: values.password } : {}),
      },
      target,
    );
    if (!input) return;
    try {
      await disable.mutateAsync(input);
      toast.success("Two-factor sign-in is off.");
      setBackupCodes(null);
      router.refresh();
    } catch (error) {
      errors.fromServer(error, target);
    }
  }

  return (
    <section className="card" aria-labelledby="two-factor-title">
      <div className="card-header">
        <div>
          <h2 id="two-factor-title">Two-factor sign-in</h2>
          <p className="small muted">
            A code from an authenticator app, asked for after your password.
          </p>
        </div>
        {enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
      </div>
      <div className="card-body stack-sm">
        {backupCodes ? (
          <Alert tone="warning" title="Save your backup codes now">
            <p>Each works once if you lose your device. They are not shown again.</p>
            <ul className="backup-codes mono">
              {backupCodes.map((code) => (
                <li key={code}>{code}</li>
              ))}
            </ul>
            <div className="form-actions">
              <CopyButton
                text={backupCodes.join("\n")}
                label="Copy codes"
                copied="Backup codes copied."
              />
              <Button
                size="sm"
                onClick={() =>
                  downloadText(
                    "fastnext-backup-codes.txt",
                    backupCodesFile(backupCodes, user.email),
                  )
                }
              >
                Download as .txt
              </Button>
            </div>
          </Alert>
        ) : null}
        {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
        {enabled ? (
          <form className="form" onSubmit={(event) => void onDisable(event)} noValidate>
            <p className="small">To turn it off, confirm with a current code or your password.</p>
            <div className="form-row">
              <TextField
                label="Code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                error={errors.error("code")}
              />
              <TextField
                label="Or your password"
                name="password"
                type="password"
                autoComplete="current-password"
                error={errors.error("password")}
              />
            </div>
            <div className="form-actions">
              <Button type="submit" variant="danger" loading={disable.isPending}>
                Turn off two-factor sign-in
              </Button>
            </div>
          </form>
        ) : setup.data ? (
          <form className="form" onSubmit={(event) => void onConfirm(event)} noValidate>
            <ol
              className="small"
              style={{ margin: 0, paddingLeft: "1.25rem", display: "grid", gap: "var(--space-2)" }}
            >
              <li className="stack-sm">
                <span>Scan this code with your authenticator app:</span>
                <figure className="qr-code">
                  <QRCodeSVG
                    value={setup.data.otpauthUri}
                    size={176}
                    marginSize={2}
                    level="M"
                    role="img"
                    aria-label="QR code for your authenticator app"
                  />
                </figure>
                <span>
                  Or add an account by hand with this key:{" "}
                  <code className="secret" aria-label="Secret key">
                    {groupInFours(setup.data.secret)}
                  </code>{" "}
                  <CopyButton text={setup.data.secret} label="Copy key" copied="Key copied." />
                </span>
                <span>
                  On this device, you can also{" "}
                  <a href={setup.data.otpauthUri}>open it in the app</a>.
                </span>
              </li>
              <li>Enter the 6-digit code it shows.</li>
            </ol>
            <TextField
              label="Code from the app"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              autoFocus
              error={errors.error("code")}
            />
            <div className="form-actions">
              <Button type="submit" variant="primary" loading={confirm.isPending}>
                Turn on
              </Button>
              <Button variant="ghost" onClick={() => setup.reset()}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <div className="form-actions">
            <Button variant="primary" loading={setup.isPending} onClick={() => setup.mutate()}>
              Set up two-factor sign-in
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}
