import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { TimelineRecord } from '../../server/timeline/record.ts';
import { type PushVsPollResult, runPushVsPoll, type ScenarioRequest, timelineRecord } from '../lib/push-vs-poll.ts';
import { sharedStyles } from '../styles/shared.ts';
import './error-notice.ts';
import './rate-chart.ts';
import './record-inspector.ts';
import './run-lanes.ts';
import './scenario-controls.ts';
import './strategy-figures.ts';

/**
 * Push versus poll, measured: run the same jobs both ways through "your app" on the lab clock,
 * then read the figures, the two timelines on one time axis and the request rate. Lessons embed
 * it as `<push-vs-poll-view preset="article"></push-vs-poll-view>`.
 */
@customElement('push-vs-poll-view')
export class PushVsPollView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        margin: 1.2rem 0;
        padding: 1rem 1.1rem;
        border: 1px solid var(--border);
        border-radius: 10px;
        background: var(--surface);
      }
      h3 {
        margin: 0 0 0.6rem;
        font-size: 1.05em;
      }
      h4 {
        margin: 1rem 0 0.3rem;
        font-size: 0.95em;
      }
      .status {
        min-height: 1.4em;
        margin: 0.6rem 0 0;
        font-size: 0.9em;
        color: var(--muted);
      }
      .summary {
        margin: 0.8rem 0;
        font-size: 1.02em;
        line-height: 1.55;
      }
      .cards {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
        gap: 0.8rem;
      }
      .cards .push {
        --strategy-colour: var(--kind-callback);
      }
      .cards .poll {
        --strategy-colour: var(--kind-poll);
      }
      .errors {
        color: var(--server-error);
        font-size: 0.9em;
      }
      record-inspector {
        margin-top: 0.6rem;
      }
      .source {
        margin: 0.6rem 0 0;
        font-size: 0.8em;
        color: var(--muted);
      }
    `,
  ];

  /** Which preset the controls start from (`article`, `busy`, `backoff`, `naive`). */
  @property() preset = 'article';

  @state() private _result: PushVsPollResult | null = null;
  @state() private _running: ScenarioRequest | null = null;
  @state() private _error: Error | null = null;
  @state() private _selected: TimelineRecord | null = null;

  override render() {
    const result = this._result;
    return html`<h3>Push versus poll, measured</h3>
      <scenario-controls .preset=${this.preset} ?running=${this._running !== null} @run-scenario=${this._onRun}></scenario-controls>
      <p class="status" role="status">${this._statusText()}</p>
      ${this._error ? html`<error-notice .error=${this._error} context="The run failed"></error-notice>` : nothing}
      ${result
        ? html`<p class="summary">${result.summary}</p>
            ${result.errors?.length
              ? html`<ul class="errors" aria-label="What went wrong in your app during the run">${result.errors.map((e) => html`<li>${e}</li>`)}</ul>`
              : nothing}
            <div class="cards">
              <strategy-figures class="push" label="Push (callback)" .figures=${result.push}></strategy-figures>
              <strategy-figures class="poll" label=${result.params.variant === 'naive' ? 'Poll (naive loop)' : 'Poll (status checks)'} .figures=${result.poll}></strategy-figures>
            </div>
            <h4>Both strategies on one clock</h4>
            <run-lanes .result=${result} @record-select=${this._onSelect}></run-lanes>
            ${this._selected ? html`<record-inspector .record=${this._selected} @close=${this._onCloseInspector}></record-inspector>` : nothing}
            <h4>Requests per second at the provider</h4>
            <rate-chart .result=${result}></rate-chart>
            <p class="source">Measured from the timeline records of runs <code>${result.runs.push}</code> and <code>${result.runs.poll}</code>
              (${(result.wallMs / 1000).toFixed(1)} s of real time). How long a job takes at the provider is our setting; real
              Deepgram is much faster, and has no polling endpoint: the lab adds one for this comparison.</p>`
        : nothing}`;
  }

  private _statusText(): string {
    const running = this._running;
    if (running) {
      const jobs = running.jobs.toLocaleString('en-US');
      return `Running ${jobs} job${running.jobs === 1 ? '' : 's'} both ways on the lab clock at up to ${running.speed}× real time… the requests appear on the timeline as they happen.`;
    }
    return this._result ? '' : 'Pick a preset or set your own numbers, then run. Your app does the polling and receives the callbacks, over real HTTP.';
  }

  private async _onSelect(e: CustomEvent<{ id: string }>): Promise<void> {
    try {
      this._selected = await timelineRecord(e.detail.id);
    } catch (err) {
      this._error = err as Error;
    }
  }

  private _onCloseInspector(e: Event): void {
    e.stopPropagation();
    this._selected = null;
  }

  private async _onRun(e: CustomEvent<ScenarioRequest>): Promise<void> {
    this._running = e.detail;
    this._error = null;
    this._selected = null;
    try {
      this._result = await runPushVsPoll(e.detail);
    } catch (err) {
      this._error = err as Error;
    } finally {
      this._running = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'push-vs-poll-view': PushVsPollView;
  }
}
