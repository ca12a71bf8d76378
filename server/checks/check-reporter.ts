import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { type CheckResult, type CheckSummary, parseFailure } from './check-result.ts';

const color = (code: number, reset: number) => (s: string) => (process.env.NO_COLOR ? s : `\x1b[${code}m${s}\x1b[${reset}m`);
const green = color(32, 39);
const red = color(31, 39);
const dim = color(2, 22);

/**
 * The learner's view of a check run: per check a ✓ or ✗, and for each failure what was expected,
 * what happened and the lesson's hint, then what is left to do. With `json`, one JSON line per
 * check and a summary line instead (the lab streams these to the Check button).
 */
export default class CheckReporter implements Reporter {
  readonly #json: boolean;
  readonly #results: CheckResult[] = [];
  /** Lessons whose every check passed in this run. */
  readonly completedLessons: string[] = [];

  constructor(options: { json?: boolean } = {}) {
    this.#json = options.json ?? false;
  }

  /** A new run (watch mode re-runs) starts from a clean slate. */
  onTestRunStart(): void {
    this.#results.length = 0;
    this.completedLessons.length = 0;
  }

  onTestModuleEnd(testModule: TestModule): void {
    const lesson = testModule.moduleId.split('/').at(-2) ?? testModule.moduleId;
    if (!this.#json) console.log(`\nLesson ${lesson}`);
    const results = [
      ...testModule.errors().map((error): CheckResult => ({ lesson, name: 'the checks start', status: 'failed', message: error.message })),
      ...[...testModule.children.allTests()].map((testCase) => resultOf(lesson, testCase)),
    ];
    for (const result of results) this.#print(result);
    this.#results.push(...results);
    if (results.every((r) => r.status === 'passed')) this.completedLessons.push(lesson);
  }

  onTestRunEnd(): void {
    const passed = this.#results.filter((r) => r.status === 'passed').length;
    const failed = this.#results.filter((r) => r.status !== 'passed');
    if (this.#json) {
      const summary: CheckSummary = { passed, failed: failed.length, completedLessons: this.completedLessons };
      console.log(JSON.stringify({ type: 'summary', ...summary }));
    } else if (this.#results.length === 0) {
      console.log(red('\nNo checks ran. Is the lesson name right? `npm run check` lists the lessons with checks.'));
    } else if (failed.length === 0) {
      console.log(green(`\nAll ${passed} checks pass. Well done: the lesson is complete.`));
    } else {
      console.log(`\n${passed} of ${this.#results.length} checks pass. Left to do:`);
      for (const result of failed) console.log(`  • ${result.lesson}: ${result.name}`);
    }
  }

  #print(result: CheckResult): void {
    if (this.#json) {
      console.log(JSON.stringify({ type: 'check', ...result }));
      return;
    }
    if (result.status === 'passed') console.log(`  ${green('✓')} ${result.name}`);
    else if (result.status === 'skipped') console.log(dim(`  – ${result.name} (not run)`));
    else {
      console.log(`  ${red('✗')} ${result.name}`);
      const lines = result.expected
        ? [`Expected: ${result.expected}`, `Happened: ${result.happened}`, ...(result.hint ? [`Hint: ${result.hint}`] : [])]
        : [result.message ?? 'failed'];
      for (const line of lines) console.log(`    ${line}`);
    }
  }
}

function resultOf(lesson: string, testCase: TestCase): CheckResult {
  const result = testCase.result();
  if (result.state === 'passed') return { lesson, name: testCase.name, status: 'passed' };
  if (result.state !== 'failed') return { lesson, name: testCase.name, status: 'skipped' };
  const error = result.errors[0];
  return error?.name === 'CheckFailure'
    ? { lesson, name: testCase.name, status: 'failed', ...parseFailure(error.message) }
    : { lesson, name: testCase.name, status: 'failed', message: `${error?.name ?? 'Error'}: ${error?.message ?? 'failed'}` };
}
