"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { Alert, Button, Dialog } from "@fastnext/ui";
import { ZAdminUserCreateInputSchema, ZAdminUserUpdateInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { FormDialog } from "../form/form-dialog";
import { formValues, useFormErrors } from "../form/use-form-errors";
import { useIdempotencyKey } from "../form/use-idempotency-key";
import { Checkbox, TextField } from "../ui/field";
import { useToast } from "../ui/toast";

type AdminUser = RouterOutputs["admin"]["users"]["list"]["items"][number];
type Role = RouterOutputs["admin"]["roles"]["list"]["items"][number];

function useUserInvalidation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.users.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.users.get.queryKey() }),
    ]);
}

function RoleCheckboxes({
  roles,
  selected,
  onChange,
  error,
}: {
  roles: readonly Role[];
  selected: readonly string[];
  onChange: (keys: string[]) => void;
  error: string | undefined;
}) {
  return (
    <fieldset className="fieldset">
      <legend>Roles</legend>
      {roles.map((role) => (
        <Checkbox
          key={role.id}
          label={role.name}
          hint={role.description || undefined}
          checked={selected.includes(role.key)}
          onChange={(event) =>
            onChange(
              event.target.checked
                ? [...selected, role.key]
                : selected.filter((key) => key !== role.key),
            )
          }
        />
      ))}
      {error ? <span className="field-error">{error}</span> : null}
    </fieldset>
  );
}

export function CreateUserDialog({
  roles,
  canAssignRoles,
  onClose,
}: {
  roles: readonly Role[];
  canAssignRoles: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const errors = useFormErrors();
  const invalidate = useUserInvalidation();
  const [roleKeys, setRoleKeys] = useState<string[]>(
    roles.filter((role) => role.isDefault).map((role) => role.key),
  );
  // Mounted while open: one key for this dialog's life.
  const idempotencyKey = useIdempotencyKey(true);
  const create = useMutation(trpc.admin.users.create.mutationOptions({ onSuccess: invalidate }));

  async function onSubmit(target: HTMLFormElement) {
    const values = formValues(target);
    const input = errors.validate(
      ZAdminUserCreateInputSchema,
      {
        name: values.name,
        email: values.email,
        roleKeys: canAssignRoles ? roleKeys : [],
        sendInvitation: values.sendInvitation === "on",
      },
      target,
    );
    if (!input) return;
    const user = await create.mutateAsync({ ...input, idempotencyKey });
    toast.success(
      input.sendInvitation
        ? `${user.name} was invited by e-mail.`
        : `${user.name}'s account was created.`,
    );
    onClose();
  }

  return (
    <FormDialog
      id="create-user"
      open
      onClose={onClose}
      title="New user"
      description="The account has no password until the person chooses one from the invitation."
      submitLabel="Create user"
      pending={create.isPending}
      errors={errors}
      onSubmit={onSubmit}
    >
      <TextField label="Name" name="name" autoFocus error={errors.error("name")} />
      <TextField label="E-mail" name="email" type="email" error={errors.error("email")} />
      {canAssignRoles ? (
        <RoleCheckboxes
          roles={roles}
          selected={roleKeys}
          onChange={setRoleKeys}
          error={errors.error("roleKeys")}
        />
      ) : null}
      <Checkbox
        label="Send an invitation"
        name="sendInvitation"
        defaultChecked
        hint="An e-mail with a link to choose a password."
      />
    </FormDialog>
  );
}

export function EditUserDialog({
  user,
  roles,
  canManage,
  canAssignRoles,
  onClose,
}: {
  user: AdminUser;
  roles: readonly Role[];
  canManage: boolean;
  canAssignRoles: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const errors = useFormErrors();
  const invalidate = useUserInvalidation();
  const [roleKeys, setRoleKeys] = useState<string[]>(user.roles);
  const update = useMutation(trpc.admin.users.update.mutationOptions({ onSuccess: invalidate }));
  const setRoles = useMutation(
    trpc.admin.users.setRoles.mutationOptions({ onSuccess: invalidate }),
  );
  const busy = update.isPending || setRoles.isPending;

  async function onSubmit(target: HTMLFormElement) {
    const values = formValues(target);
    const data = Object.fromEntries(
      (["name", "email"] as const)
        .filter(
          (field) => canManage && values[field] !== undefined && values[field] !== user[field],
        )
        .map((field) => [field, values[field]]),
    );
    const rolesChanged =
      canAssignRoles && [...roleKeys].sort().join(",") !== [...user.roles].sort().join(",");
    if (Object.keys(data).length === 0 && !rolesChanged) {
      onClose();
      return;
    }
    if (Object.keys(data).length > 0) {
      const input = errors.validate(ZAdminUserUpdateInputSchema, { id: user.id, data }, target);
      if (!input) return;
      await update.mutateAsync(input);
    }
    if (rolesChanged) await setRoles.mutateAsync({ userId: user.id, roleKeys });
    toast.success(`${user.name} saved.`);
    onClose();
  }

  return (
    <FormDialog
      id="edit-user"
      open
      onClose={onClose}
      title={`Edit ${user.name}`}
      submitLabel="Save"
      pending={busy}
      errors={errors}
      onSubmit={onSubmit}
    >
      <TextField
        label="Name"
        name="name"
        defaultValue={user.name}
        disabled={!canManage}
        error={errors.error("data.name")}
      />
      <TextField
        label="E-mail"
        name="email"
        type="email"
        defaultValue={user.email}
        disabled={!canManage}
        error={errors.error("data.email")}
      />
      {canAssignRoles ? (
        <RoleCheckboxes
          roles={roles}
          selected={roleKeys}
          onChange={setRoleKeys}
          error={errors.error("roleKeys")}
        />
      ) : null}
    </FormDialog>
  );
}

/**
 * Confirms deactivating or reactivating one user or several (the table's
 * bulk action): one all-or-nothing call, so a refusal changes nobody.
 */
export function SetActiveDialog({
  users,
  activate,
  onClose,
  onDone,
}: {
  users: AdminUser[];
  activate: boolean;
  onClose: () => void;
  /** After the change, before the dialog closes (the table clears its selection). */
  onDone?: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useUserInvalidation();
  const [only] = users.length === 1 ? users : [];
  const who = only ? only.name : `${users.length} users`;
  const setActive = useMutation(
    trpc.admin.users.setActiveMany.mutationOptions({
      onSuccess: async () => {
        toast.success(
          activate
            ? `${who} can sign in again.`
            : `${who} ${only ? "was" : "were"} deactivated and signed out.`,
        );
        onDone?.();
        onClose();
        await invalidate();
      },
    }),
  );
  return (
    <Dialog
      open
      onClose={onClose}
      title={activate ? `Reactivate ${who}?` : `Deactivate ${who}?`}
      description={
        activate
          ? `${only ? "They" : "Each"} can sign in again with their password.`
          : `${only ? "They are" : "Each is"} signed out of every device at once and cannot sign in until reactivated.`
      }
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant={activate ? "primary" : "danger"}
            loading={setActive.isPending}
            onClick={() =>
              setActive.mutate({ ids: users.map((user) => user.id), isActive: activate })
            }
          >
            {activate ? "Reactivate" : "Deactivate"}
            {only ? "" : ` ${users.length} users`}
          </Button>
        </>
      }
    >
      {setActive.isError ? <Alert tone="error">{errorMessage(setActive.error)}</Alert> : null}
      {only ? null : (
        <ul className="small" aria-label="Users">
          {users.map((user) => (
            <li key={user.id}>
              {user.name} · {user.email}
            </li>
          ))}
        </ul>
      )}
      <p className="small">Their projects, items and history are kept.</p>
    </Dialog>
  );
}
