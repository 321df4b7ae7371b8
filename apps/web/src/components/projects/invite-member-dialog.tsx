"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";

import { Alert, Button } from "@fastnext/ui";
import {
  PROJECT_INVITATION_TTL_DAYS,
  PROJECT_ROLES,
  ZInvitationCreateInputSchema,
  ZProjectMemberInputSchema,
  type ProjectRole,
} from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { FormDialog } from "../form/form-dialog";
import { useFormErrors } from "../form/use-form-errors";
import { SelectField, TextField } from "../ui/field";
import { useToast } from "../ui/toast";
import { useDebounced } from "../ui/use-debounced";
import { ROLE_DESCRIPTION, ROLE_LABEL } from "./labels";

interface Candidate {
  id: string;
  name: string;
  email?: string | undefined;
}

/**
 * Brings someone into the project. With access to the user directory
 * (`user.read`) people are found by name or e-mail and added at once;
 * without it, the owner sends an invitation to an e-mail address, which
 * its owner accepts (or not) from the link in the mail. The answer is the
 * same whether or not the address has an account.
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
  const toast = useToast();
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
      queryClient.invalidateQueries({
        queryKey: trpc.projects.members.list.queryKey({ projectId }),
      }),
      // memberCount on the project and in project lists.
      queryClient.invalidateQueries({ queryKey: trpc.projects.get.queryKey({ id: projectId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
    ]);
  const add = useMutation(trpc.projects.members.add.mutationOptions({ onSuccess }));
  const invite = useMutation(
    trpc.projects.invitations.create.mutationOptions({
      onSuccess: (invitation) => {
        toast.success(`Invitation sent to ${invitation.email}.`);
        return queryClient.invalidateQueries({
          queryKey: trpc.projects.invitations.list.queryKey({ projectId }),
        });
      },
    }),
  );

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
      const input = errors.validate(
        ZInvitationCreateInputSchema,
        { projectId, email, role },
        target,
      );
      if (!input) return;
      await invite.mutateAsync(input);
      close();
      return;
    }
    const input = errors.validate(
      ZProjectMemberInputSchema,
      { projectId, userId: picked?.id, role },
      target,
    );
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
      description={
        canSearchPeople
          ? "They can see the project at once, and do what their role allows."
          : `We e-mail them a link to join, valid for ${PROJECT_INVITATION_TTL_DAYS} days.`
      }
      submitLabel={canSearchPeople ? "Invite" : "Send invitation"}
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
          hint="With an account they join from the link; without one they can create it there."
          error={errors.error("email")}
        />
      ) : picked ? (
        <Alert tone="info">
          <span>
            <strong>{picked.name}</strong>
            {picked.email ? ` · ${picked.email}` : ""}
          </span>
          <Button size="sm" onClick={() => setPicked(null)}>
            Choose someone else
          </Button>
        </Alert>
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
          <ul
            id={listId}
            className="list card"
            aria-label="Matching people"
            aria-busy={candidates.isFetching}
          >
            {term.length === 0 ? (
              <li className="small muted">Type a name or an e-mail address.</li>
            ) : candidates.isError ? (
              <li className="small muted">
                People could not be searched: {candidates.error.message}
              </li>
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
                      aria-label={
                        member ? `${user.name} is already a member` : `Choose ${user.name}`
                      }
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
        onChange={(event) =>
          setRole(PROJECT_ROLES.find((r) => r === event.target.value) ?? "editor")
        }
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
