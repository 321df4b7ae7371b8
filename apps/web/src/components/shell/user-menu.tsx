"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";

import { Icon, Popover } from "@fastnext/ui";

import { initials, useViewer } from "./viewer";

export function UserMenu() {
  const { user, roles } = useViewer();
  return (
    <Popover
      label={`Account menu for ${user.name}`}
      trigger={<span className="avatar">{initials(user.name)}</span>}
    >
      {(close) => (
        <ul className="menu" role="menu" aria-label="Account">
          <li role="none" className="menu-label">
            <strong style={{ display: "block", color: "var(--text)" }}>{user.name}</strong>
            {user.email}
            {roles.length > 0 ? <span style={{ display: "block" }}>{roles.join(", ")}</span> : null}
          </li>
          <li role="none" className="menu-separator" />
          <li role="none">
            <Link role="menuitem" className="menu-item" href="/account" onClick={close}>
              <Icon name="user" /> Account and security
            </Link>
          </li>
          <li role="none">
            <button
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => void signOut({ callbackUrl: "/sign-in" })}
            >
              <Icon name="signOut" /> Sign out
            </button>
          </li>
        </ul>
      )}
    </Popover>
  );
}
