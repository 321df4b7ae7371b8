"use client";

import { Icon, type IconName, Popover } from "@fastnext/ui";

import { THEME_COOKIE, themeAttribute, type Theme } from "./theme";

const OPTIONS: { value: Theme; label: string; icon: IconName }[] = [
  { value: "light", label: "Light", icon: "sun" },
  { value: "dark", label: "Dark", icon: "moon" },
  { value: "system", label: "System", icon: "monitor" },
];

/** Applies a theme to this page and remembers it for the next first paint. */
export function applyTheme(theme: Theme): void {
  const attribute = themeAttribute(theme);
  if (attribute) document.documentElement.dataset.theme = attribute;
  else delete document.documentElement.dataset.theme;
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=31536000; samesite=lax`;
}

export function ThemeMenu({ theme, onChange }: { theme: Theme; onChange: (theme: Theme) => void }) {
  const current = OPTIONS.find((option) => option.value === theme) ?? OPTIONS[2];
  return (
    <Popover
      label={`Theme: ${current?.label ?? "System"}`}
      trigger={<Icon name={current?.icon ?? "monitor"} />}
    >
      {(close) => (
        <ul className="menu" role="menu" aria-label="Theme">
          {OPTIONS.map((option) => (
            <li key={option.value} role="none">
              <button
                type="button"
                role="menuitemradio"
                aria-checked={option.value === theme}
                className="menu-item"
                onClick={() => {
                  onChange(option.value);
                  close();
                }}
              >
                <Icon name={option.icon} />
                <span style={{ flex: 1 }}>{option.label}</span>
                {option.value === theme ? <Icon name="check" /> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Popover>
  );
}
