import { z } from "zod";

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const ZThemeSchema = z.enum(THEMES);

/** Remembers the choice for the first paint of the next page, before any API call. */
export const THEME_COOKIE = "theme";

export function parseTheme(value: string | undefined | null): Theme {
  const parsed = ZThemeSchema.safeParse(value);
  return parsed.success ? parsed.data : "system";
}

/** `data-theme` on <html>: absent for "system", so the stylesheet follows prefers-color-scheme. */
export function themeAttribute(theme: Theme): "light" | "dark" | undefined {
  return theme === "system" ? undefined : theme;
}
