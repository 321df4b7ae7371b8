import { watch, type FSWatcher } from "node:fs";
import path from "node:path";

/**
 * Calls `onChange` (once per burst of writes) when a TypeScript source or a
 * JSON file under `dirs` changes; generated code, tests and dependencies
 * are not sources.
 */
export function watchSources(
  dirs: readonly string[],
  onChange: (file: string) => void,
): FSWatcher[] {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return dirs.map((dir) =>
    watch(dir, { recursive: true }, (_event, name) => {
      const file = name ? path.join(dir, name) : dir;
      if (!/\.(ts|tsx|json)$/.test(file) || /(^|\/)(node_modules|generated|test|dist)\//.test(file))
        return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => onChange(file), 300);
    }),
  );
}
