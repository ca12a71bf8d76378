import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type CheckResult, type CheckSummary } from '../lib/api.ts';
import { withInlineCode } from '../lib/inline-code.ts';
import { sharedStyles } from '../styles/shared.ts';
import './error-notice.ts';

/**
 * The Check button: runs the lesson's checks against the learner's workspace (as `npm run check`
 * does) and lists each result as it streams in, with what was expected, what happened and a hint.
 * Fires `checks-done` with the summary.
 */
@customElement('check-runner')
export class CheckRunner extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 0.75rem;
      }
      .summary {
        margin: 0;
        font-size: 0.92rem;
      }
      .summary.pass {
        color: var(--success);
        font-weight: 600;
      }
      ul {
        margin: 0.6rem 0 0;
        padding: 0;
        list-style: none;
      }
      li {
        padding: 0.35rem 0;
        border-top: 1px solid var(--border);
      }
      .mark {
        display: inline-block;
        width: 1.3em;
        font-weight: 700;
      }
      .passed .mark {
        color: var(--success);
      }
      .failed .mark {
        color: var(--server-error);
      }
      .skipped .mark {
        color: var(--muted);
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.1rem 0.6rem;
        margin: 0.3rem 0 0 1.3em;
        font-size: 0.88rem;
      }
      dt {
        color: var(--muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      code {
        background: var(--surface-2);
        border-radius: 4px;
        padding: 0.05em 0.3em;
      }
      error-notice {
        margin-top: 0.5rem;
      }
    `,
  ];

  /** The lesson whose checks run. */
  @property() lessonId = '';

  @state() private _running = false;
  @state() private _results: CheckResult[] = [];
  @state() private _summary: CheckSummary | null = null;
  @state() private _error: Error | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    // Another lesson's results do not belong here.
    if (changed.has('lessonId') && changed.get('lessonId') !== undefined) {
      this._results = [];
      this._summary = null;
      this._error = null;
    }
  }

  override render() {
    const summary = this._summary;
    return html`<div class="bar">
        <button class="button primary" type="button" aria-disabled=${this._running ? 'true' : 'false'} @click=${this._onRun}>
          ${this._running ? 'Checking…' : 'Check my work'}
        </button>
        <p class="summary ${summary && summary.failed === 0 ? 'pass' : ''}" role="status">
          ${this._running
            ? `Running the checks against your workspace… ${this._results.length ? `${this._results.length} done.` : ''}`
            : summary
              ? summary.failed === 0
                ? `All ${summary.passed} checks pass: the lesson is complete.`
                : `${summary.passed} of ${summary.passed + summary.failed} checks pass.`
              : 'Runs the same checks as npm run check.'}
        </p>
      </div>
      ${this._results.length
        ? html`<ul aria-label="Check results">
            ${this._results.map((result) => this._renderResult(result))}
          </ul>`
        : nothing}
      <error-notice .error=${this._error} context="The checks could not run"></error-notice>`;
  }

  private _renderResult(result: CheckResult) {
    const mark = { passed: '✓', failed: '✗', skipped: '–' }[result.status];
    return html`<li class=${result.status}>
      <span class="mark" aria-hidden="true">${mark}</span>${result.name}
      <span class="visually-hidden">(${result.status})</span>
      ${result.status === 'failed'
        ? html`<dl>
            ${result.expected ? html`<dt>Expected</dt><dd>${result.expected}</dd>` : nothing}
            ${result.happened ? html`<dt>Happened</dt><dd>${result.happened}</dd>` : nothing}
            ${result.hint ? html`<dt>Hint</dt><dd>${withInlineCode(result.hint)}</dd>` : nothing}
            ${result.message ? html`<dt>Error</dt><dd>${result.message}</dd>` : nothing}
          </dl>`
        : nothing}
    </li>`;
  }

  private async _onRun(): Promise<void> {
    if (this._running || !this.lessonId) return;
    this._running = true;
    this._results = [];
    this._summary = null;
    this._error = null;
    try {
      await api.runChecks(this.lessonId, (line) => {
        if (line.type === 'check') this._results = [...this._results, line];
        else if (line.type === 'summary') this._summary = line;
        else this._error = new Error(line.message);
      });
      if (!this._summary && !this._error) this._error = new Error('The check run ended without a summary.');
      if (this._summary) this.dispatchEvent(new CustomEvent('checks-done', { detail: this._summary, bubbles: true, composed: true }));
    } catch (err) {
      this._error = err as Error;
    } finally {
      this._running = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'check-runner': CheckRunner;
  }
}
