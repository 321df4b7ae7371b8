"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { z } from "zod";

import { type RouterOutputs } from "@fastnext/api";
import {
  Badge,
  Button,
  DataTable,
  dataTableColumns,
  Icon,
  type DataTableSelection,
  type SortingState,
} from "@fastnext/ui";

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
    | { kind: "active"; users: AdminUser[]; activate: boolean; onDone?: () => void }
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
  const canManage = can("user.manage");
  const canAssignRoles = can("role.manage") && roleList.length > 0;

  const columns = useMemo(
    () =>
      userColumns({
        roleName: (key) => roleList.find((role) => role.key === key)?.name ?? key,
        actions: (user) => (
          <>
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
                onClick={() =>
                  setDialog({ kind: "active", users: [user], activate: !user.isActive })
                }
              >
                {user.isActive ? "Deactivate" : "Reactivate"}
              </Button>
            ) : null}
          </>
        ),
      }),
    [roleList, canManage, canAssignRoles, viewer.user.id],
  );

  const selection = useMemo<DataTableSelection<AdminUser> | undefined>(
    () =>
      canManage
        ? {
            allLabel: "Select every user on this page",
            rowLabel: (user) => `Select ${user.name}`,
            canSelect: (user) => user.id !== viewer.user.id,
            countLabel: (count) => `${count} ${count === 1 ? "user" : "users"} selected`,
            actions: (selected, clear) => (
              <BulkActions
                selected={selected}
                onPick={(picked, activate) =>
                  setDialog({ kind: "active", users: picked, activate, onDone: clear })
                }
              />
            ),
          }
        : undefined,
    [canManage, viewer.user.id],
  );

  const change = (patch: Partial<UserFilters>) => {
    setFilters((current) => ({ ...current, ...patch }));
    pager.reset();
  };
  // The server sorts (across pages): the User column by name A to Z, else newest first.
  const sortState = useMemo<SortingState>(
    () => (filters.sort === "name" ? [{ id: "user", desc: false }] : []),
    [filters.sort],
  );
  const sorting = {
    state: sortState,
    onChange: (next: SortingState) =>
      change({ sort: next[0]?.id === "user" && !next[0].desc ? "name" : "createdAt" }),
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
          <DataTable
            label="Users table"
            columns={columns}
            data={users.data.items}
            getRowId={(user) => user.id}
            busy={users.isFetching}
            sorting={sorting}
            selection={selection}
          />
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
        <SetActiveDialog
          users={dialog.users}
          activate={dialog.activate}
          onDone={dialog.onDone}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}

/** The table's columns; the row actions come from the page (they open its dialogs). */
function userColumns({
  roleName,
  actions,
}: {
  roleName: (key: string) => string;
  actions: (user: AdminUser) => ReactNode;
}) {
  const column = dataTableColumns<AdminUser>();
  return column.columns([
    column.accessor("name", {
      id: "user",
      header: "User",
      enableHiding: false,
      cell: ({ row }) => (
        <div className="list-main">
          <span className="list-title">{row.original.name}</span>
          <span className="list-meta">{row.original.email}</span>
        </div>
      ),
    }),
    column.display({
      id: "roles",
      header: "Roles",
      enableSorting: false,
      meta: { label: "Roles", className: "hide-phone" },
      cell: ({ row }) => (
        <div className="cluster">
          {row.original.isSuperuser ? <Badge tone="accent">Superuser</Badge> : null}
          {row.original.roles.map((key) => (
            <Badge key={key}>{roleName(key)}</Badge>
          ))}
        </div>
      ),
    }),
    column.accessor("isActive", {
      id: "status",
      header: "Status",
      enableSorting: false,
      meta: { label: "Status" },
      cell: ({ getValue }) =>
        getValue() ? (
          <Badge tone="success">Active</Badge>
        ) : (
          <Badge tone="danger">Deactivated</Badge>
        ),
    }),
    column.accessor("lastLoginAt", {
      id: "lastSignIn",
      header: "Last sign-in",
      enableSorting: false,
      meta: { label: "Last sign-in", className: "hide-phone" },
      cell: ({ getValue }) => {
        const date = getValue();
        return date ? <Time date={date} /> : "Never";
      },
    }),
    column.display({
      id: "actions",
      header: () => <span className="visually-hidden">Actions</span>,
      enableSorting: false,
      enableHiding: false,
      meta: {
        className:
          "text-right whitespace-nowrap max-md:whitespace-normal max-md:*:data-[slot=button]:mb-1 max-md:*:data-[slot=button]:flex max-md:*:data-[slot=button]:w-full",
      },
      cell: ({ row }) => actions(row.original),
    }),
  ]);
}

/** Deactivate the picked active users, reactivate the picked deactivated ones. */
function BulkActions({
  selected,
  onPick,
}: {
  selected: AdminUser[];
  onPick: (users: AdminUser[], activate: boolean) => void;
}) {
  const active = selected.filter((user) => user.isActive);
  const inactive = selected.filter((user) => !user.isActive);
  return (
    <>
      {active.length > 0 ? (
        <Button size="sm" variant="danger" onClick={() => onPick(active, false)}>
          Deactivate {active.length === 1 ? "1 user" : `${active.length} users`}
        </Button>
      ) : null}
      {inactive.length > 0 ? (
        <Button size="sm" onClick={() => onPick(inactive, true)}>
          Reactivate {inactive.length === 1 ? "1 user" : `${inactive.length} users`}
        </Button>
      ) : null}
    </>
  );
}
