import type { Reporter, TestCase, TestModule } from 'vitest/node';

const green = (s: string) => `\x1b[32m${s}\x1b[39m`;
const red = (s: string) => `\x1b[31m${s}\x1b[39m`;
const dim = (s: string) => `\x1b[2m${s}\x1b[22m`;

/** Indents every line of a check's explanation under its title. */
const indent = (text: string) => text.replace(/^/gm, '    ');

/**
 * The learner's view of a check run (`npm run check`): one line per check, and for each failure
 * what was expected, what happened and the lesson's hint, then what is left to do.
 */
export default class CheckReporter implements Reporter {
  #passed: string[] = [];
  #failed: string[] = [];
  /** Lessons whose every check passed in this run. */
  readonly completedLessons: string[] = [];

  onTestModuleEnd(testModule: TestModule): void {
    const lesson = testModule.moduleId.split('/').at(-2) ?? testModule.moduleId;
    console.log(`\nLesson ${lesson}`);
    for (const error of testModule.errors()) {
      console.log(red(`  ✗ The checks could not start: ${error.message}`));
      this.#failed.push(`${lesson}: start`);
    }
    const failedBefore = this.#failed.length;
    for (const testCase of testModule.children.allTests()) this.#report(lesson, testCase);
    if (this.#failed.length === failedBefore) this.completedLessons.push(lesson);
  }

  onTestRunEnd(): void {
    const total = this.#passed.length + this.#failed.length;
    if (total === 0) {
      console.log(red('\nNo checks ran. Is the lesson name right? `npm run check` lists the lessons with checks.'));
      return;
    }
    if (this.#failed.length === 0) {
      console.log(green(`\nAll ${total} checks pass. Well done: the lesson is complete.`));
      return;
    }
    console.log(`\n${this.#passed.length} of ${total} checks pass. Left to do:`);
    for (const name of this.#failed) console.log(`  • ${name}`);
  }

  #report(lesson: string, testCase: TestCase): void {
    const result = testCase.result();
    if (result.state === 'passed') {
      this.#passed.push(testCase.name);
      console.log(`  ${green('✓')} ${testCase.name}`);
    } else if (result.state === 'failed') {
      this.#failed.push(`${lesson}: ${testCase.name}`);
      console.log(`  ${red('✗')} ${testCase.name}`);
      for (const error of result.errors) console.log(indent(error.name === 'CheckFailure' ? error.message : `${error.name}: ${error.message}`));
    } else {
      console.log(dim(`  – ${testCase.name} (not run)`));
    }
  }
}
