import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { EditorSession } from '../lib/editor-session.ts';
import { sharedStyles } from '../styles/shared.ts';
import './code-diff.ts';
import './error-notice.ts';

/**
 * "Show solution": the learner's file against the lesson's solution, read-only. Loads the solution
 * when shown; nothing is ever written to the learner's file.
 */
@customElement('solution-diff')
export class SolutionDiff extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        margin: 0.6rem 0 0;
      }
      section {
        border: 1px solid var(--border);
        border-left: 4px solid var(--accent);
        background: var(--bg);
        border-radius: 6px;
        padding: 0.5rem 0.75rem 0.75rem;
      }
      p {
        margin: 0 0 0.45rem;
        font-size: 0.9rem;
      }
    `,
  ];

  /** The open file (its buffer is the left side; it knows where the solution is). */
  @property({ attribute: false }) session: EditorSession | null = null;

  /** The learner's buffer now (passed so the diff follows their typing). */
  @property({ attribute: false }) content = '';

  @state() private _solution: string | null = null;
  @state() private _error: Error | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) void this._load();
  }

  override render() {
    const file = this.session?.file ?? '';
    return html`<error-notice .error=${this._error} context="Could not load the solution"></error-notice>
      ${this._solution === null
        ? nothing
        : html`<section aria-label="Your file against the solution">
            <p>Your file against the lesson's solution: lines only yours have are red, the solution's are green. Nothing is copied into your file.</p>
            <code-diff .a=${this.content} .b=${this._solution} aLabel=${`Your ${file}`} bLabel="Solution"></code-diff>
          </section>`}`;
  }

  private async _load(): Promise<void> {
    const session = this.session;
    this._solution = null;
    this._error = null;
    if (!session) return;
    try {
      const solution = await session.solution();
      if (session !== this.session) return;
      this._solution = solution;
      await this.updateComplete;
      this.scrollIntoView({ block: 'start' });
    } catch (err) {
      this._error = err as Error;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'solution-diff': SolutionDiff;
  }
}
