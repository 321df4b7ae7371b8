/**
 * Why a generator refused to run, per option (`name`, `fields`, `scope`,
 * or a file path). The command prints each and exits 1; nothing was written.
 */
export class GeneratorError extends Error {
  constructor(
    message: string,
    readonly issues: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "GeneratorError";
  }

  /** One line per problem, for the terminal. */
  describe(): string {
    const lines = Object.entries(this.issues).map(([key, problem]) => `  ${key}: ${problem}`);
    return [this.message, ...lines].join("\n");
  }
}
