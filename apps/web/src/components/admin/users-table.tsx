"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { z } from "zod";

import { type RouterOutputs } from "@fastnext/api";
import { Badge, Button, Icon } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";

import { useCan, useViewer } from "../shell/viewer";
import { SelectField, TextField } from "../ui/field";
import { PageHeader } from "../ui/page-header";
import { Pager, useCursorPager } from "../ui/pager";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useDebounced } from "../ui/use-debounced";
import { CreateUserDialog, EditUserDialog, SetActiveDialog } from "./user-dialogs";
import {
  ALL_ROLES_INPUT,
  DEFAULT_USER_FILTERS,
  userListInput,
  type UserFilters,
} from "./user-list-input";

type AdminUser = RouterOutputs["admin"]["users"]["list"]["items"][number];

const ZStatusSchema = z.enum(["all", "active", "inactive"]).catch("all");
const ZSortSchema = z.enum(["createdAt", "name", "email"]).catch("createdAt");

export function UsersTable() {
  const trpc = useTRPC();
  const can = useCan();
  const viewer = useViewer();
  // ?search= comes from links elsewhere (the command palette's user results).
  const searchParam = useSearchParams().get("search") ?? "";
  const [filters, setFilters] = useState<UserFilters>({
    ...DEFAULT_USER_FILTERS,
    search: searchParam,
  });
  const [dialog, setDialog] = useState<
    | { kind: "create" }
    | { kind: "edit"; user: AdminUser }
    | { kind: "active"; user: AdminUser }
    | null
  >(null);
  const pager = useCursorPager();
  const search = useDebounced(filters.search);
  const users = useQuery({
    ...trpc.admin.users.list.queryOptions(userListInput({ ...filters, search }, pager.cursor)),
    // The table keeps showing the previous page while the next one loads.
    placeholderData: keepPreviousData,
  });
  const roles = useQuery({
    ...trpc.admin.roles.list.queryOptions(ALL_ROLES_INPUT),
    enabled: can("role.read"),
  });
  const roleList = roles.data?.items ?? [];
  const roleName = (key: string) => roleList.find((role) => role.key === key)?.name ?? key;
  const canManage = can("user.manage");
  const canAssignRoles = can("role.manage") && roleList.length > 0;

  const change = (patch: Partial<UserFilters>) => {
    setFilters((current) => ({ ...current, ...patch }));
    pager.reset();
  };
  // A second palette jump while on this page changes the URL, not the mount.
  useEffect(() => change({ search: searchParam }), [searchParam]);

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone with an account: their status and roles."
        actions={
          canManage ? (
            <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
              <Icon name="plus" /> New user
            </Button>
          ) : null
        }
      />
      <section className="card" aria-label="Users">
        <div className="toolbar" role="search">
          <TextField
            label="Search"
            type="search"
            placeholder="Name or e-mail"
            value={filters.search}
            onChange={(event) => change({ search: event.target.value })}
          />
          <SelectField
            label="Status"
            value={filters.status}
            onChange={(event) => change({ status: ZStatusSchema.parse(event.target.value) })}
          >
            <option value="all">All</option>
            <option value="active">Active</option>
            <option value="inactive">Deactivated</option>
          </SelectField>
          {roleList.length > 0 ? (
            <SelectField
              label="Role"
              value={filters.roleKey}
              onChange={(event) => change({ roleKey: event.target.value })}
            >
              <option value="">Any role</option>
              {roleList.map((role) => (
                <option key={role.id} value={role.key}>
                  {role.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <SelectField
            label="Sort by"
            value={filters.sort}
            onChange={(event) => change({ sort: ZSortSchema.parse(event.target.value) })}
          >
            <option value="createdAt">Newest</option>
            <option value="name">Name</option>
            <option value="email">E-mail</option>
          </SelectField>
        </div>
        {users.isPending ? (
          <LoadingState label="Loading users" rows={5} />
        ) : users.isError ? (
          <ErrorState error={users.error} onRetry={() => void users.refetch()} />
        ) : users.data.items.length === 0 ? (
          <EmptyState
            title={
              search || filters.status !== "all" || filters.roleKey
                ? "No user matches these filters"
                : "No users yet"
            }
          />
        ) : (
          <div className="table-wrap">
            <table className="table" aria-busy={users.isFetching}>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col" className="hide-phone">
                    Roles
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col" className="hide-phone">
                    Last sign-in
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((user) => (
                  <tr key={user.id}>
                    <td>
                      <div className="list-main">
                        <span className="list-title">{user.name}</span>
                        <span className="list-meta">{user.email}</span>
                      </div>
                    </td>
                    <td className="hide-phone">
                      <div className="cluster">
                        {user.isSuperuser ? <Badge tone="accent">Superuser</Badge> : null}
                        {user.roles.map((key) => (
                          <Badge key={key}>{roleName(key)}</Badge>
                        ))}
                      </div>
                    </td>
                    <td>
                      {user.isActive ? (
                        <Badge tone="success">Active</Badge>
                      ) : (
                        <Badge tone="danger">Deactivated</Badge>
                      )}
                    </td>
                    <td className="hide-phone">
                      {user.lastLoginAt ? <Time date={user.lastLoginAt} /> : "Never"}
                    </td>
                    <td className="actions">
                      {canManage || canAssignRoles ? (
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={`Edit ${user.name}`}
                          onClick={() => setDialog({ kind: "edit", user })}
                        >
                          Edit
                        </Button>
                      ) : null}
                      {canManage && user.id !== viewer.user.id ? (
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={`${user.isActive ? "Deactivate" : "Reactivate"} ${user.name}`}
                          onClick={() => setDialog({ kind: "active", user })}
                        >
                          {user.isActive ? "Deactivate" : "Reactivate"}
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager pager={pager} nextCursor={users.data?.nextCursor} busy={users.isFetching} />
      </section>
      {dialog?.kind === "create" ? (
        <CreateUserDialog
          roles={roleList}
          canAssignRoles={canAssignRoles}
          onClose={() => setDialog(null)}
        />
      ) : dialog?.kind === "edit" ? (
        <EditUserDialog
          user={dialog.user}
          roles={roleList}
          canManage={canManage}
          canAssignRoles={canAssignRoles}
          onClose={() => setDialog(null)}
        />
      ) : dialog?.kind === "active" ? (
        <SetActiveDialog user={dialog.user} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
