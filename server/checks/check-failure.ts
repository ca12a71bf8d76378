/** A failed check: what the lesson expected, what happened, and the lesson's hint for it. */
export class CheckFailure extends Error {
  constructor(
    readonly checkId: string,
    readonly expected: string,
    readonly happened: string,
    readonly hint: string | undefined,
  ) {
    super(`Expected: ${expected}\nHappened: ${happened}${hint ? `\nHint: ${hint}` : ''}`);
    this.name = 'CheckFailure';
  }
}
