"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";

import { buttonVariants, cn, Icon } from "@fastnext/ui";

import { applyTheme, ThemeMenu } from "../theme/theme-menu";
import { type Theme } from "../theme/theme";
import { Brand } from "./brand";
import { isCurrent, visibleNav } from "./nav-items";
import { UserMenu } from "./user-menu";
import { useViewer } from "./viewer";

/** Sidebar, header and content for signed-in pages. On phones the sidebar is a drawer. */
export function AppShell({
  initialTheme,
  search,
  bell,
  banner,
  onThemeChange,
  children,
}: {
  initialTheme: Theme;
  /** The search button and the command palette it opens. */
  search?: ReactNode;
  /** The notification bell, when the API offers notifications. */
  bell?: ReactNode;
  /** A notice above the page (the connection state). */
  banner?: ReactNode;
  onThemeChange?: (theme: Theme) => void;
  children: ReactNode;
}) {
  const viewer = useViewer();
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const groups = visibleNav(viewer.permissions);

  // Following a link closes the drawer.
  useEffect(() => setMenuOpen(false), [pathname]);

  return (
    <div className="shell">
      <header className="shell-header">
        <button
          type="button"
          className={cn(buttonVariants({ variant: "ghost", icon: true }), "menu-toggle")}
          aria-label="Menu"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <Icon name={menuOpen ? "close" : "menu"} />
        </button>
        <span className="show-phone">
          <Brand />
        </span>
        <span className="spacer" />
        {search}
        <ThemeMenu
          theme={theme}
          onChange={(next) => {
            setTheme(next);
            applyTheme(next);
            onThemeChange?.(next);
          }}
        />
        {bell}
        <UserMenu />
      </header>
      <aside id="sidebar" className="shell-sidebar" data-open={menuOpen}>
        <Brand />
        <nav className="nav" aria-label="Main">
          {groups.map((group) => (
            <div className="nav-group" key={group.label}>
              <p className="nav-heading">{group.label}</p>
              {group.items.map((item) => (
                <Link
                  key={item.href}
                  href={item.href}
                  className="nav-link"
                  aria-current={isCurrent(item.href, pathname) ? "page" : undefined}
                >
                  <Icon name={item.icon} />
                  {item.label}
                </Link>
              ))}
            </div>
          ))}
        </nav>
      </aside>
      <main id="main" className="shell-main" tabIndex={-1}>
        {banner}
        <div className="shell-content">{children}</div>
      </main>
    </div>
  );
}
