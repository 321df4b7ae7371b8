"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type SubmitEvent } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { Alert, Badge, Button, Dialog, Icon } from "@fastnext/ui";
import {
  ZRoleCreateInputSchema,
  ZRoleSetPermissionsInputSchema,
  ZRoleUpdateInputSchema,
} from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { FormDialog } from "../form/form-dialog";
import { formValues, useFormErrors } from "../form/use-form-errors";
import { useCan } from "../shell/viewer";
import { Checkbox, SelectField, TextareaField, TextField } from "../ui/field";
import { PageHeader } from "../ui/page-header";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { useToast } from "../ui/toast";
import { PermissionGroups } from "./permission-groups";
import { ALL_ROLES_INPUT } from "./user-list-input";

type Role = RouterOutputs["admin"]["roles"]["list"]["items"][number];
type Groups = RouterOutputs["admin"]["permissions"]["list"];

function useRoleInvalidation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.roles.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.roles.get.queryKey() }),
      // Role names and keys show in the user table.
      queryClient.invalidateQueries({ queryKey: trpc.admin.users.list.queryKey() }),
    ]);
}

export function RolesManager() {
  const trpc = useTRPC();
  const can = useCan();
  const roles = useQuery(trpc.admin.roles.list.queryOptions(ALL_ROLES_INPUT));
  const groups = useQuery(trpc.admin.permissions.list.queryOptions());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const canManage = can("role.manage");

  const list = roles.data?.items ?? [];
  const selected = list.find((role) => role.id === selectedId) ?? list[0];

  return (
    <>
      <PageHeader
        title="Roles"
        description="What each role may do. A user's permissions are those of all their roles."
        actions={
          canManage ? (
            <Button variant="primary" onClick={() => setCreating(true)} disabled={!groups.data}>
              <Icon name="plus" /> New role
            </Button>
          ) : null
        }
      />
      {roles.isPending || groups.isPending ? (
        <LoadingState label="Loading roles" rows={5} />
      ) : roles.isError ? (
        <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
      ) : groups.isError ? (
        <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
      ) : !selected ? (
        <section className="card">
          <EmptyState title="No roles" />
        </section>
      ) : (
        <div className="roles-layout">
          <nav className="card" aria-label="Roles">
            <ul className="list">
              {list.map((role) => (
                <li key={role.id}>
                  <button
                    type="button"
                    className="role-item"
                    aria-current={role.id === selected.id ? "true" : undefined}
                    onClick={() => setSelectedId(role.id)}
                  >
                    <span className="list-title">{role.name}</span>
                    <span className="list-meta">
                      <span className="mono">{role.key}</span> · {role.permissions.length}{" "}
                      permissions
                    </span>
                    <span className="cluster">
                      {role.isSystem ? <Badge>System</Badge> : null}
                      {role.isDefault ? <Badge tone="accent">Default</Badge> : null}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <RoleEditor
            key={`${selected.id}-${selected.updatedAt.toISOString()}`}
            role={selected}
            roles={list}
            groups={groups.data}
            canManage={canManage}
            onDeleted={() => setSelectedId(null)}
          />
        </div>
      )}
      {creating && groups.data ? (
        <CreateRoleDialog
          groups={groups.data}
          onClose={(created) => {
            setCreating(false);
            if (created) setSelectedId(created);
          }}
        />
      ) : null}
    </>
  );
}

function RoleEditor({
  role,
  roles,
  groups,
  canManage,
  onDeleted,
}: {
  role: Role;
  roles: readonly Role[];
  groups: Groups;
  canManage: boolean;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const errors = useFormErrors();
  const invalidate = useRoleInvalidation();
  const [permissions, setPermissions] = useState<string[]>(role.permissions);
  const [deleting, setDeleting] = useState(false);
  const update = useMutation(trpc.admin.roles.update.mutationOptions({ onSuccess: invalidate }));
  const setRolePermissions = useMutation(
    trpc.admin.roles.setPermissions.mutationOptions({ onSuccess: invalidate }),
  );
  const permissionsChanged = [...permissions].sort().join(",") !== role.permissions.join(",");

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const values = formValues(target);
    const isDefault = values.isDefault === "on";
    const data = {
      ...(values.name !== role.name ? { name: values.name } : {}),
      ...(values.description !== role.description ? { description: values.description } : {}),
      ...(isDefault !== role.isDefault ? { isDefault } : {}),
    };
    try {
      if (Object.keys(data).length > 0) {
        const input = errors.validate(ZRoleUpdateInputSchema, { id: role.id, data }, target);
        if (!input) return;
        await update.mutateAsync(input);
      }
      if (permissionsChanged) {
        // Parsed into catalogue keys (the checkboxes only offer those).
        const input = errors.validate(
          ZRoleSetPermissionsInputSchema,
          { id: role.id, permissionKeys: permissions },
          target,
        );
        if (!input) return;
        await setRolePermissions.mutateAsync(input);
      }
      toast.success(
        `Role “${values.name ?? role.name}” saved. Its holders have the change at their next request.`,
      );
    } catch (error) {
      errors.fromServer(error, target);
    }
  }

  return (
    <section className="card" aria-labelledby="role-title">
      <div className="card-header">
        <div>
          <h2 id="role-title">{role.name}</h2>
          <p className="small muted mono">{role.key}</p>
        </div>
        {canManage && !role.isSystem ? (
          <Button size="sm" variant="ghost" onClick={() => setDeleting(true)}>
            <Icon name="trash" /> Delete
          </Button>
        ) : null}
      </div>
      <form className="card-body form" onSubmit={(event) => void onSubmit(event)} noValidate>
        {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
        <div className="form-row">
          <TextField
            label="Name"
            name="name"
            defaultValue={role.name}
            disabled={!canManage}
            error={errors.error("data.name")}
          />
        </div>
        <TextareaField
          label="Description"
          name="description"
          rows={2}
          defaultValue={role.description}
          disabled={!canManage}
          error={errors.error("data.description")}
        />
        <Checkbox
          label="Default role"
          name="isDefault"
          hint="Given to people who register themselves."
          defaultChecked={role.isDefault}
          disabled={!canManage}
        />
        <PermissionGroups
          groups={groups}
          selected={permissions}
          onChange={setPermissions}
          disabled={!canManage}
          error={errors.error("permissionKeys")}
        />
        {canManage ? (
          <div className="form-actions">
            <Button
              type="submit"
              variant="primary"
              loading={update.isPending || setRolePermissions.isPending}
            >
              Save role
            </Button>
          </div>
        ) : (
          <p className="small muted">
            You can see roles but not change them (that needs role.manage).
          </p>
        )}
      </form>
      {deleting ? (
        <DeleteRoleDialog
          role={role}
          others={roles.filter((other) => other.id !== role.id)}
          onClose={(deleted) => {
            setDeleting(false);
            if (deleted) onDeleted();
          }}
        />
      ) : null}
    </section>
  );
}

function DeleteRoleDialog({
  role,
  others,
  onClose,
}: {
  role: Role;
  others: readonly Role[];
  onClose: (deleted: boolean) => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useRoleInvalidation();
  const [reassignTo, setReassignTo] = useState("");
  const remove = useMutation(
    trpc.admin.roles.delete.mutationOptions({
      onSuccess: async (result) => {
        toast.success(
          result.reassignedUsers > 0
            ? `Role deleted; ${result.reassignedUsers} users moved to the other role.`
            : "Role deleted.",
        );
        onClose(true);
        await invalidate();
      },
    }),
  );
  return (
    <Dialog
      open
      onClose={() => onClose(false)}
      title={`Delete the role “${role.name}”?`}
      description="Users who hold it need another role instead."
      footer={
        <>
          <Button onClick={() => onClose(false)}>Cancel</Button>
          <Button
            variant="danger"
            loading={remove.isPending}
            onClick={() => remove.mutate({ id: role.id, ...(reassignTo ? { reassignTo } : {}) })}
          >
            Delete role
          </Button>
        </>
      }
    >
      {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
      <SelectField
        label="Give its users this role instead"
        value={reassignTo}
        onChange={(event) => setReassignTo(event.target.value)}
        hint="Needed when anyone holds the role."
      >
        <option value="">No one holds it</option>
        {others.map((other) => (
          <option key={other.id} value={other.key}>
            {other.name}
          </option>
        ))}
      </SelectField>
    </Dialog>
  );
}

function CreateRoleDialog({
  groups,
  onClose,
}: {
  groups: Groups;
  onClose: (createdId?: string) => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const errors = useFormErrors();
  const invalidate = useRoleInvalidation();
  const [permissions, setPermissions] = useState<string[]>([]);
  const create = useMutation(trpc.admin.roles.create.mutationOptions({ onSuccess: invalidate }));

  async function onSubmit(target: HTMLFormElement) {
    const values = formValues(target);
    const input = errors.validate(
      ZRoleCreateInputSchema,
      {
        key: values.key,
        name: values.name,
        description: values.description,
        isDefault: values.isDefault === "on",
        permissionKeys: permissions,
      },
      target,
    );
    if (!input) return;
    const role = await create.mutateAsync(input);
    toast.success(`Role “${role.name}” created.`);
    onClose(role.id);
  }

  return (
    <FormDialog
      id="create-role"
      open
      wide
      onClose={() => onClose()}
      title="New role"
      submitLabel="Create role"
      pending={create.isPending}
      errors={errors}
      onSubmit={onSubmit}
    >
      <div className="form-row">
        <TextField label="Name" name="name" autoFocus error={errors.error("name")} />
        <TextField
          label="Key"
          name="key"
          mono
          hint="Permanent, e.g. auditor"
          error={errors.error("key")}
        />
      </div>
      <TextareaField
        label="Description"
        name="description"
        rows={2}
        error={errors.error("description")}
      />
      <Checkbox
        label="Default role"
        name="isDefault"
        hint="Given to people who register themselves."
      />
      <PermissionGroups
        groups={groups}
        selected={permissions}
        onChange={setPermissions}
        error={errors.error("permissionKeys")}
      />
    </FormDialog>
  );
}
