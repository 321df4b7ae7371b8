import { type FullResult, type Reporter, type TestCase } from "@playwright/test/reporter";

/** The annotation type a spec records a perceived-speed figure under (see perceived.ts). */
export const PERCEIVED_ANNOTATION = "perceived";

/**
 * Prints the perceived-speed figures the specs recorded, together at the end
 * of the run, where they are easy to find and copy into docs/performance.md.
 * Figures only: nothing here passes or fails on a duration.
 */
export default class PerceivedReporter implements Reporter {
  private readonly figures: string[] = [];

  onTestEnd(test: TestCase): void {
    for (const annotation of test.annotations) {
      if (annotation.type === PERCEIVED_ANNOTATION && annotation.description) {
        this.figures.push(annotation.description);
      }
    }
  }

  onEnd(_result: FullResult): void {
    if (this.figures.length === 0) return;
    console.log(`\nPerceived speed (production build, this machine):`);
    for (const figure of this.figures) console.log(`  perceived: ${figure}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
