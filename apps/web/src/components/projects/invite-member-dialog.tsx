"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";

import {
  PROJECT_ROLES,
  ZProjectMemberInputSchema,
  ZProjectMemberInviteInputSchema,
  type ProjectRole,
} from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { FormDialog } from "../form/form-dialog";
import { useFormErrors } from "../form/use-form-errors";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";
import { useDebounced } from "../ui/use-debounced";
import { ROLE_DESCRIPTION, ROLE_LABEL } from "./labels";

interface Candidate {
  id: string;
  name: string;
  email?: string | undefined;
}

/**
 * Adds someone to the project. With access to the user directory
 * (`user.read`) people are found by name or e-mail and current members are
 * marked; without it, the owner types the person's exact e-mail address.
 */
export function InviteMemberDialog({
  projectId,
  memberIds,
  canSearchPeople,
  open,
  onClose,
}: {
  projectId: string;
  memberIds: ReadonlySet<string>;
  canSearchPeople: boolean;
  open: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const form = useRef<HTMLFormElement>(null);
  const listId = useId();
  const [search, setSearch] = useState("");
  const [picked, setPicked] = useState<Candidate | null>(null);
  const [role, setRole] = useState<ProjectRole>("editor");
  const term = useDebounced(search.trim(), 250);

  const candidates = useQuery({
    ...trpc.admin.users.list.queryOptions({ search: term, isActive: true, limit: 8 }),
    enabled: open && canSearchPeople && term.length > 0,
  });
  const onSuccess = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.projects.members.list.queryKey({ projectId }) }),
      // memberCount on the project and in project lists.
      queryClient.invalidateQueries({ queryKey: trpc.projects.get.queryKey({ id: projectId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
    ]);
  const add = useMutation(trpc.projects.members.add.mutationOptions({ onSuccess }));
  const invite = useMutation(trpc.projects.members.invite.mutationOptions({ onSuccess }));

  function close() {
    setSearch("");
    setPicked(null);
    setRole("editor");
    errors.clear();
    onClose();
  }

  async function onSubmit(target: HTMLFormElement) {
    if (!canSearchPeople) {
      const email = new FormData(target).get("email");
      const input = errors.validate(ZProjectMemberInviteInputSchema, { projectId, email, role }, target);
      if (!input) return;
      await invite.mutateAsync(input);
      close();
      return;
    }
    const input = errors.validate(ZProjectMemberInputSchema, { projectId, userId: picked?.id, role }, target);
    if (!input) {
      if (!picked) errors.setFormError("Choose a person to invite.");
      return;
    }
    await add.mutateAsync(input);
    close();
  }

  const results = candidates.data?.items ?? [];

  return (
    <FormDialog
      id="invite-member"
      open={open}
      onClose={close}
      title="Invite a member"
      description="They can see the project at once, and do what their role allows."
      submitLabel="Invite"
      pending={add.isPending || invite.isPending}
      submitDisabled={canSearchPeople && !picked}
      errors={errors}
      onSubmit={onSubmit}
      formRef={form}
    >
      {!canSearchPeople ? (
        <TextField
          label="E-mail address"
          name="email"
          type="email"
          autoComplete="off"
          autoFocus
          hint="The address they sign in with. They must already have an account."
          error={errors.error("email")}
        />
      ) : picked ? (
        <div className="alert alert-info">
          <span>
            <strong>{picked.name}</strong>
            {picked.email ? ` · ${picked.email}` : ""}
          </span>
          <Button size="sm" onClick={() => setPicked(null)}>
            Choose someone else
          </Button>
        </div>
      ) : (
        <div className="stack-sm">
          <TextField
            label="Person"
            type="search"
            placeholder="Search by name or e-mail"
            value={search}
            autoFocus
            onChange={(event) => setSearch(event.target.value)}
            error={errors.error("userId")}
            aria-controls={listId}
          />
          <ul id={listId} className="list card" aria-label="Matching people" aria-busy={candidates.isFetching}>
            {term.length === 0 ? (
              <li className="small muted">Type a name or an e-mail address.</li>
            ) : candidates.isError ? (
              <li className="small muted">People could not be searched: {candidates.error.message}</li>
            ) : candidates.isPending ? (
              <li className="small muted">Searching…</li>
            ) : results.length === 0 ? (
              <li className="small muted">Nobody matches “{term}”.</li>
            ) : (
              results.map((user) => {
                const member = memberIds.has(user.id);
                return (
                  <li key={user.id}>
                    <div className="list-main">
                      <span className="list-title">{user.name}</span>
                      <span className="list-meta">{user.email}</span>
                    </div>
                    <Button
                      size="sm"
                      disabled={member}
                      onClick={() => setPicked({ id: user.id, name: user.name, email: user.email })}
                      aria-label={member ? `${user.name} is already a member` : `Choose ${user.name}`}
                    >
                      {member ? "Member" : "Choose"}
                    </Button>
                  </li>
                );
              })
            )}
          </ul>
        </div>
      )}
      <SelectField
        label="Role"
        value={role}
        onChange={(event) => setRole(PROJECT_ROLES.find((r) => r === event.target.value) ?? "editor")}
        hint={ROLE_DESCRIPTION[role]}
        error={errors.error("role")}
      >
        {PROJECT_ROLES.map((value) => (
          <option key={value} value={value}>
            {ROLE_LABEL[value]}
          </option>
        ))}
      </SelectField>
    </FormDialog>
  );
}
