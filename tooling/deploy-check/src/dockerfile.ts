import { readFileSync } from "node:fs";

// A reader of the repository's Dockerfile, enough to learn what each target
// runs with: its stages, the instructions along a target's lineage, the
// environment its image sets and its command.

interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string | undefined;
  from: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("#") || (line === "" && pending === "")) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(pending + line);
    pending = "";
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const keyword = (match[1] ?? "").toUpperCase();
    const args = match[2] ?? "";
    if (keyword === "FROM") {
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      stages.push({ from: from?.[1] ?? "", name: from?.[2], instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword, args });
    }
  }
  return stages;
}

export interface Dockerfile {
  stages: Stage[];
  /** The stage and the stages it is built FROM, base first. */
  lineage: (target: string) => Stage[];
  instructionsOf: (target: string, keyword: string) => string[];
  /** ENV of a target, along its lineage. */
  imageEnv: (target: string) => Record<string, string>;
  /** Exec-form CMD of a target (the last one its lineage sets). */
  commandOf: (target: string) => string[];
}

export function readDockerfile(file: string): Dockerfile {
  const stages = parseDockerfile(readFileSync(file, "utf8"));
  const lineage = (target: string): Stage[] => {
    const stage = stages.find((s) => s.name === target);
    if (!stage) throw new Error(`Dockerfile has no stage ${target}`);
    return stages.some((s) => s.name === stage.from) ? [...lineage(stage.from), stage] : [stage];
  };
  const instructionsOf = (target: string, keyword: string) =>
    lineage(target).flatMap((stage) =>
      stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args),
    );
  return {
    stages,
    lineage,
    instructionsOf,
    imageEnv(target) {
      const env: Record<string, string> = {};
      for (const args of instructionsOf(target, "ENV")) {
        const pairs = [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S+)/g)];
        if (pairs.length === 0) {
          const [key = "", ...value] = args.split(/\s+/);
          env[key] = value.join(" ");
        }
        for (const [, key = "", value = ""] of pairs)
          env[key] = value.replace(/^(["'])(.*)\1$/, "$2");
      }
      return env;
    },
    commandOf(target) {
      const cmd = instructionsOf(target, "CMD").at(-1) ?? "";
      return JSON.parse(cmd) as string[];
    },
  };
}
