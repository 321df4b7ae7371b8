/** Where the command reads a password from and talks to the operator. */
export interface PasswordIo {
  /** A terminal (isTTY, setRawMode) or a pipe. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  /** Prompts go to stderr, so stdout stays clean for scripts. */
  stderr: NodeJS.WritableStream;
}

export class PasswordInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PasswordInputError";
  }
}

/** The first line of standard input (for scripts: `printf '%s\n' "$PW" | pnpm admin:create ...`). */
export async function passwordFromStream(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stdin) {
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    if (text.includes("\n")) break;
  }
  const line = text.split(/\r?\n/)[0] ?? "";
  if (line === "")
    throw new PasswordInputError("No password on standard input (one line expected)");
  return line;
}

/** Backspace removes what the operator sees as one character (an emoji included). */
function withoutLastCharacter(value: string): string {
  const segments = Array.from(new Intl.Segmenter().segment(value));
  return segments
    .slice(0, -1)
    .map((s) => s.segment)
    .join("");
}

/** One line typed at the terminal, echoed as nothing. Ctrl-C cancels. */
function hiddenLine(io: PasswordIo, prompt: string): Promise<string> {
  const tty = io.stdin;
  const setRawMode = (raw: boolean) => tty.setRawMode?.(raw);
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (error: Error | null) => {
      setRawMode(false);
      tty.pause();
      tty.removeListener("data", onData);
      io.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const { segment: char } of new Intl.Segmenter().segment(chunk.toString("utf8"))) {
        if (char === "\r" || char === "\n" || char === "\r\n") return finish(null);
        if (char === "\u0003" || char === "\u0004")
          return finish(new PasswordInputError("Cancelled: nothing was written"));
        if (char === "\u007f" || char === "\b") value = withoutLastCharacter(value);
        else value += char;
      }
    };
    setRawMode(true);
    tty.resume();
    tty.on("data", onData);
  });
}

/** Asked twice on a terminal, so a typo does not become an administrator's password. */
export async function promptPassword(io: PasswordIo): Promise<string> {
  const first = await hiddenLine(io, "Password for the administrator: ");
  if (first === "") throw new PasswordInputError("No password given: nothing was written");
  const second = await hiddenLine(io, "Repeat it: ");
  if (first !== second) throw new PasswordInputError("The passwords differ: nothing was written");
  return first;
}

/** From the terminal without echo, or from standard input when it is not one (or when asked to). */
export function readPassword(io: PasswordIo, fromStdin: boolean): Promise<string> {
  return fromStdin || !io.stdin.isTTY ? passwordFromStream(io.stdin) : promptPassword(io);
}
