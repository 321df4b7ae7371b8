import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { ACTIVITY_ACTIONS, describeActivity, isActivityAction } from "@fastnext/validators";

const SOURCE = fileURLToPath(new URL("../src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

interface Recorded {
  file: string;
  /** The `action:` expression as written. */
  expression: string;
  keys: string[];
}

/**
 * Every place core writes an activity entry (`recordActivity(` or a direct
 * `activity.create(`), with the action keys its `action:` may take. The
 * property always precedes `entityType:`, so what lies between is the
 * expression: a literal or a conditional between literals.
 */
function recordedActions(): Recorded[] {
  const writer =
    /(?:recordActivity|\.activity\.create)\(\s*[\s\S]*?\baction:([\s\S]*?)\bentityType:/g;
  return sourceFiles(SOURCE)
    .filter((file) => !file.startsWith(path.join(SOURCE, "activity") + path.sep))
    .flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return [...text.matchAll(writer)].map((match) => {
        const expression = (match[1] ?? "").trim().replace(/,$/, "");
        // Keys are `<entity>.<verb>`; other literals (`reason === "logout"`) are conditions.
        const keys = [...expression.matchAll(/"(\w+\.\w+)"/g)].map((literal) => literal[1] ?? "");
        return { file: path.relative(SOURCE, file), expression, keys };
      });
    });
}

describe("the activity sentence catalogue", () => {
  const recorded = recordedActions();

  it("finds the services' activity writes", () => {
    // A guard on the scan itself: fewer writes than this means the pattern broke.
    expect(recorded.length).toBeGreaterThanOrEqual(60);
  });

  it("names every recorded action with a literal key, so it can be checked", () => {
    const unchecked = recorded.filter((entry) => entry.keys.length === 0);
    expect(unchecked.map((entry) => `${entry.file}: action: ${entry.expression}`)).toEqual([]);
  });

  it("has a sentence for every action key core records", () => {
    const missing = [
      ...new Set(
        recorded.flatMap((entry) =>
          entry.keys.filter((key) => !isActivityAction(key)).map((key) => `${entry.file}: ${key}`),
        ),
      ),
    ];
    expect(missing).toEqual([]);
  });

  it("says each action as a sentence, never as its key", () => {
    for (const action of ACTIVITY_ACTIONS) {
      const sentence = describeActivity({ action });
      expect(sentence, action).toMatch(/^[A-Z]/);
      expect(sentence, action).not.toContain(action);
      expect(sentence, action).not.toMatch(/[._]/);
    }
  });

  it("uses what the entry kept to say which thing", () => {
    expect(describeActivity({ action: "auth.login" })).toBe("Signed in");
    expect(describeActivity({ action: "auth.login_challenge" })).toBe("Asked for a second factor");
    expect(
      describeActivity({
        action: "project.create",
        changes: { before: { name: null }, after: { name: "Apollo" } },
      }),
    ).toBe("Created project Apollo");
    expect(
      describeActivity({
        action: "project.update",
        changes: { before: { name: "Apollo" }, after: { name: "Artemis" } },
      }),
    ).toBe("Renamed project Apollo to Artemis");
    expect(
      describeActivity({
        action: "workflow_instance.transition",
        changes: { before: { state: "todo" }, after: { state: "done" } },
      }),
    ).toBe("Moved an item from todo to done");
  });

  it("reads an action it does not know (an old trail's) as words", () => {
    expect(describeActivity({ action: "project.member_poke" })).toBe("Project member poke");
  });
});
