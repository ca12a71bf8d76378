/** One check's outcome, as `npm run check` prints it and the Check button streams it. */
export interface CheckResult {
  lesson: string;
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  expected?: string;
  happened?: string;
  hint?: string;
  /** For failures that are not a CheckFailure (a crash, a timeout). */
  message?: string;
}

/** The last line of a run. */
export interface CheckSummary {
  passed: number;
  failed: number;
  completedLessons: string[];
}

/** Splits a CheckFailure's message ("Expected: …\nHappened: …\nHint: …") back into fields. */
export function parseFailure(message: string): Pick<CheckResult, 'expected' | 'happened' | 'hint'> {
  const field = (label: string) => new RegExp(`^${label}: ([\\s\\S]*?)(?=\\n(?:Expected|Happened|Hint): |$)`, 'm').exec(message)?.[1];
  return { expected: field('Expected'), happened: field('Happened'), hint: field('Hint') };
}
