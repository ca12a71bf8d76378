import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type JobLane, type PushVsPollResult, tickLabel, timeTicks } from '../lib/push-vs-poll.ts';
import { statusDescription } from '../lib/record-format.ts';
import { WidthController } from '../lib/width-controller.ts';
import { chartStyles } from '../styles/chart.ts';
import { sharedStyles } from '../styles/shared.ts';

/** Jobs drawn per strategy, so that each row stays tall enough to read and to click. */
const ROWS = 10;
const ROW_HEIGHT = 16;

/**
 * The run's two timelines on one time axis: push above, poll below, one row per job. A grey bar is
 * the provider at work; each mark is a request (polls that found nothing are faint, the request that
 * brought the news is solid, failures red). Clicking a mark fires `record-select` with its record id.
 * The marks are one stop for Tab (there can be a hundred and more); arrow keys move between them.
 */
@customElement('run-lanes')
export class RunLanes extends LitElement {
  static override styles = [
    sharedStyles,
    chartStyles,
    css`
      .lane-title {
        font-weight: 600;
        fill: var(--text);
      }
      .work {
        fill: var(--surface-2);
      }
      .note {
        fill: var(--muted);
      }
      .mark {
        cursor: pointer;
      }
      .mark.push {
        fill: var(--kind-callback);
      }
      .mark.poll {
        fill: var(--kind-poll);
      }
      .mark.idle {
        opacity: 0.3;
      }
      .mark.failed {
        fill: var(--server-error);
        opacity: 1;
      }
      .mark:focus-visible {
        outline: none;
        stroke: var(--focus);
        stroke-width: 3;
      }
      .known {
        stroke: var(--success);
        stroke-width: 2;
      }
    `,
  ];

  /** The run to draw. */
  @property({ attribute: false }) result: PushVsPollResult | null = null;

  /** The mark Tab lands on (its index in drawing order): the one last focused. */
  @state() private _active = 0;

  readonly #size = new WidthController(this);

  /** Numbers the marks in drawing order while rendering, for the roving tab stop. */
  #markIndex = 0;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('result')) this._active = 0;
  }

  override render() {
    const result = this.result;
    if (!result) return nothing;
    this.#markIndex = 0;
    const width = this.#size.width;
    const start = result.clock.startedAt;
    const span = Math.max(1, result.clock.endedAt - start);
    const x = (t: number) => ((t - start) / span) * width;
    const lanes: [string, 'push' | 'poll', JobLane[]][] = [
      ['Push: Deepgram calls your app back', 'push', result.lanes.push.slice(0, ROWS)],
      [result.params.variant === 'naive' ? "Poll: the article's naive loop" : 'Poll: your app asks every so often', 'poll', result.lanes.poll.slice(0, ROWS)],
    ];
    let y = 0;
    const groups = lanes.map(([title, kind, jobs]) => {
      const top = y;
      y += 18 + Math.max(1, jobs.length) * ROW_HEIGHT + 10;
      return svg`<g transform="translate(0 ${top})">
        <text class="lane-title" x="0" y="12">${title}</text>
        ${jobs.map((job, row) => this._row(job, row, kind, x, width))}
      </g>`;
    });
    const ticks = timeTicks(span);
    const height = y + 20;
    const shown = Math.min(ROWS, result.params.jobs);
    return html`<svg viewBox="0 0 ${width} ${height}" role="group" aria-label=${this._describe(result)} @keydown=${this._onKeydown}>
        ${ticks.map((t) => svg`<g class="axis"><line x1=${x(start + t)} x2=${x(start + t)} y1="16" y2=${y}></line><text x=${x(start + t)} y=${y + 14} text-anchor="middle">${tickLabel(t)}</text></g>`)}
        ${groups}
      </svg>
      <p class="note">${shown < result.params.jobs ? `The first ${shown} of ${result.params.jobs.toLocaleString('en-US')} jobs; the figures count them all. ` : ''}Clock time from the start of the run. Grey: the provider at work; green line: your app knows.</p>`;
  }

  private _row(job: JobLane, row: number, kind: 'push' | 'poll', x: (t: number) => number, width: number) {
    const y = 18 + row * ROW_HEIGHT;
    const mid = y + ROW_HEIGHT / 2;
    const end = job.finishedAt ?? this.result!.clock.endedAt;
    const r = width < 500 ? 0.8 : 1;
    return svg`<rect class="work" x=${x(job.submittedAt)} y=${y + 3} width=${Math.max(1, x(end) - x(job.submittedAt))} height=${ROW_HEIGHT - 6} rx="2"></rect>
      ${job.knownAt === null ? nothing : svg`<line class="known" x1=${x(job.knownAt)} x2=${x(job.knownAt)} y1=${y + 1} y2=${y + ROW_HEIGHT - 1}></line>`}
      ${job.events.map((event) => {
        const failed = event.status === null || event.status >= 300;
        const label = `${kind === 'push' ? 'Callback' : 'Poll'} at ${tickLabel(event.at - this.result!.clock.startedAt)}: ${statusDescription(event.status)}${event.news ? ', brought the news' : kind === 'poll' ? ', nothing new' : ''}`;
        const index = this.#markIndex++;
        return svg`<circle class="mark ${kind} ${event.news ? 'news' : 'idle'} ${failed ? 'failed' : ''}" cx=${x(event.at)} cy=${mid} r=${(event.news ? 5 : 3.5) * r}
          tabindex=${index === this._active ? '0' : '-1'} role="button" aria-label=${label} data-record=${event.id}
          @click=${() => this._select(event.id, index)}><title>${label}</title></circle>`;
      })}`;
  }

  private _describe(result: PushVsPollResult): string {
    return `Two timelines on one clock axis of ${tickLabel(result.clock.endedAt - result.clock.startedAt)}: push made ${result.push.requests} requests, polling ${result.poll.requests}. Arrow keys move between the requests; Enter opens one.`;
  }

  private _select(id: string, index: number): void {
    this._active = index;
    this.dispatchEvent(new CustomEvent('record-select', { detail: { id }, bubbles: true, composed: true }));
  }

  private _onKeydown(e: KeyboardEvent): void {
    const marks = [...this.renderRoot.querySelectorAll<SVGCircleElement>('circle.mark')];
    const index = marks.indexOf(e.target as SVGCircleElement);
    if (index === -1) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this._select(marks[index].dataset.record ?? '', index);
      return;
    }
    const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: marks.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this._active = Math.max(0, Math.min(marks.length - 1, next));
    marks[this._active].focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-lanes': RunLanes;
  }
}
