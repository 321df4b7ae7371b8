import { describe, expect, it } from "vitest";

import { pageEntries, userEntry } from "../src/components/shell/palette-entries";
import {
  keyLabel,
  matchShortcut,
  SHORTCUTS,
  startsSequence,
  usesCommandKey,
  type KeyPress,
} from "../src/components/shell/shortcuts";

const press = (key: string, mods: Partial<Omit<KeyPress, "key">> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("keyboard shortcuts", () => {
  it("opens the palette with Ctrl+K or ⌘K, whatever the case of the letter", () => {
    expect(matchShortcut(press("k", { ctrlKey: true }), null)?.action).toEqual({ kind: "palette" });
    expect(matchShortcut(press("K", { metaKey: true }), null)?.action).toEqual({ kind: "palette" });
    expect(matchShortcut(press("k"), null)).toBeUndefined();
    expect(matchShortcut(press("k", { ctrlKey: true, altKey: true }), null)).toBeUndefined();
  });

  it("takes single keys only without a modifier", () => {
    expect(matchShortcut(press("?"), null)?.action).toEqual({ kind: "help" });
    expect(matchShortcut(press("/"), null)?.action).toEqual({ kind: "palette" });
    expect(matchShortcut(press("/", { ctrlKey: true }), null)).toBeUndefined();
  });

  it("completes a two-key sequence only after its first key", () => {
    expect(startsSequence(press("g"))).toBe("G");
    expect(startsSequence(press("x"))).toBeNull();
    expect(startsSequence(press("g", { ctrlKey: true }))).toBeNull();
    expect(matchShortcut(press("p"), "G")?.action).toEqual({
      kind: "navigate",
      href: "/projects",
    });
    expect(matchShortcut(press("p"), null)).toBeUndefined();
    expect(matchShortcut(press("p"), "X")).toBeUndefined();
  });

  it("lists every shortcut once, each reachable by the matcher", () => {
    const keys = SHORTCUTS.map((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    for (const shortcut of SHORTCUTS) {
      const parts = shortcut.keys.split(" ");
      const found = shortcut.keys.startsWith("Mod+")
        ? matchShortcut(press(shortcut.keys.slice(4).toLowerCase(), { ctrlKey: true }), null)
        : parts.length === 2
          ? matchShortcut(press(parts[1]!.toLowerCase()), parts[0]!)
          : matchShortcut(press(shortcut.keys), null);
      expect(found).toBe(shortcut);
    }
  });

  it("labels the modifier for the platform", () => {
    expect(keyLabel("Mod+K", true)).toEqual(["⌘", "K"]);
    expect(keyLabel("Mod+K", false)).toEqual(["Ctrl", "K"]);
    expect(keyLabel("G P", false)).toEqual(["G", "P"]);
    expect(usesCommandKey("MacIntel")).toBe(true);
    expect(usesCommandKey("Linux x86_64")).toBe(false);
  });
});

describe("palette entries", () => {
  it("offers only the pages the caller may open, filtered by name", () => {
    const member = pageEntries([], "").map((e) => e.href);
    expect(member).toContain("/projects");
    expect(member).not.toContain("/admin/users");
    const admin = pageEntries(["user.read"], "us").map((e) => e.label);
    expect(admin).toEqual(["Users"]);
  });

  it("sends a user result to the filtered users page, by name when the e-mail is hidden", () => {
    expect(userEntry({ id: "u", name: "Ada", email: "ada+x@example.com" }).href).toBe(
      "/admin/users?search=ada%2Bx%40example.com",
    );
    expect(userEntry({ id: "u", name: "Ada Lovelace" }).href).toBe(
      "/admin/users?search=Ada%20Lovelace",
    );
  });
});
