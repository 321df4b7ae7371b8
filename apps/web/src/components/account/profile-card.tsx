"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type SubmitEvent } from "react";

import { Alert, Badge, Button } from "@fastnext/ui";
import { ZUpdateProfileInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { formValues, useFormErrors } from "../form/use-form-errors";
import { useViewer } from "../shell/viewer";
import { SelectField, TextField } from "../ui/field";
import { Time } from "../ui/time";
import { useToast } from "../ui/toast";

/** The zones this browser knows; the API accepts the same IANA names (plus UTC). */
function timeZones(current: string | undefined): string[] {
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone")];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

export function ProfileCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const errors = useFormErrors();
  const { user, roles } = useViewer();
  const update = useMutation(
    trpc.users.updateProfile.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.me.queryKey() });
        // The name in the header and menus comes from the server layout.
        router.refresh();
      },
    }),
  );

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const values = formValues(target);
    const avatar = values.avatarUrl?.trim() ?? "";
    const changes = {
      ...(values.name !== user.name ? { name: values.name } : {}),
      ...(values.locale !== user.locale ? { locale: values.locale } : {}),
      ...(values.timeZone !== user.timeZone ? { timeZone: values.timeZone } : {}),
      ...(avatar !== (user.avatarUrl ?? "") ? { avatarUrl: avatar === "" ? null : avatar } : {}),
    };
    if (Object.keys(changes).length === 0) {
      toast.info("Nothing to save.");
      return;
    }
    const input = errors.validate(ZUpdateProfileInputSchema, changes, target);
    if (!input) return;
    try {
      await update.mutateAsync(input);
      toast.success("Profile saved.");
    } catch (error) {
      errors.fromServer(error, target);
    }
  }

  return (
    <section className="card" aria-labelledby="profile-title">
      <div className="card-header">
        <div>
          <h2 id="profile-title">Profile</h2>
          <p className="small muted">
            {user.email} · member since <Time date={user.createdAt} mode="absolute" />
          </p>
        </div>
        <div className="cluster">
          {roles.map((role) => (
            <Badge key={role}>{role}</Badge>
          ))}
        </div>
      </div>
      <form className="card-body form" onSubmit={(event) => void onSubmit(event)} noValidate>
        {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
        <div className="form-row">
          <TextField
            label="Name"
            name="name"
            defaultValue={user.name}
            autoComplete="name"
            error={errors.error("name")}
          />
          <TextField
            label="Language"
            name="locale"
            defaultValue={user.locale ?? "en"}
            hint="A language tag, such as en or pt-BR."
            error={errors.error("locale")}
          />
          <SelectField
            label="Time zone"
            name="timeZone"
            defaultValue={user.timeZone ?? "UTC"}
            error={errors.error("timeZone")}
          >
            {timeZones(user.timeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField
          label="Picture address (optional)"
          name="avatarUrl"
          type="url"
          inputMode="url"
          defaultValue={user.avatarUrl ?? ""}
          placeholder="https://…"
          error={errors.error("avatarUrl")}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={update.isPending}>
            Save profile
          </Button>
        </div>
      </form>
    </section>
  );
}
