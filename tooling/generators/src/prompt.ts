import { type NodePlopAPI } from "node-plop";

/**
 * Asks for the one value a command was run without (a terminal only: the
 * commands refuse to prompt when stdin is not one), through plop's prompts.
 */
export async function promptFor(
  plop: NodePlopAPI,
  generator: { name: string; description: string },
  question: { name: string; message: string },
): Promise<string> {
  plop.setGenerator(generator.name, {
    description: generator.description,
    prompts: [{ type: "input", name: question.name, message: question.message }],
    actions: [],
  });
  const answers = (await plop.getGenerator(generator.name).runPrompts()) as Record<
    string,
    string | undefined
  >;
  return answers[question.name] ?? "";
}
