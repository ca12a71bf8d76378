import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { type PushVsPollResult, tickLabel, timeTicks } from '../lib/push-vs-poll.ts';
import { WidthController } from '../lib/width-controller.ts';
import { chartStyles } from '../styles/chart.ts';
import { sharedStyles } from '../styles/shared.ts';

const HEIGHT = 140;

/** Requests per second of clock time at the provider, push and poll on the run's time axis. */
@customElement('rate-chart')
export class RateChart extends LitElement {
  static override styles = [
    sharedStyles,
    chartStyles,
    css`
      path {
        fill: none;
        stroke-width: 2;
      }
      .push {
        stroke: var(--kind-callback);
      }
      .poll {
        stroke: var(--kind-poll);
        stroke-dasharray: 5 3;
      }
      .legend {
        display: flex;
        gap: 1.2rem;
        margin: 0.2rem 0 0;
        font-size: 0.85em;
        color: var(--muted);
      }
      .swatch {
        display: inline-block;
        width: 1.4em;
        height: 0;
        margin-right: 0.3em;
        vertical-align: middle;
        border-top: 2px solid var(--kind-callback);
      }
      .swatch.poll {
        border-top: 2px dashed var(--kind-poll);
      }
    `,
  ];

  /** The run whose request rates to chart. */
  @property({ attribute: false }) result: PushVsPollResult | null = null;

  readonly #size = new WidthController(this);

  override render() {
    const result = this.result;
    if (!result) return nothing;
    const width = this.#size.width;
    const span = Math.max(1, result.clock.endedAt - result.clock.startedAt);
    const peak = Math.max(1, result.push.peakRequestsPerSecond, result.poll.peakRequestsPerSecond);
    const x = (ms: number) => (ms / span) * width;
    const y = (count: number) => HEIGHT - (count / peak) * HEIGHT;
    // A step line: each second holds its count until the next.
    const path = (counts: number[]) =>
      counts.map((count, second) => `${second === 0 ? 'M' : 'L'}${x(second * 1000)},${y(count)} H${x(Math.min(span, (second + 1) * 1000))}`).join(' ');
    return html`<svg viewBox="0 -18 ${width} ${HEIGHT + 38}" role="img"
        aria-label="Requests per second: push peaks at ${result.push.peakRequestsPerSecond}, polling at ${result.poll.peakRequestsPerSecond}.">
        ${timeTicks(span).map((t) => svg`<g class="axis"><line x1=${x(t)} x2=${x(t)} y1="0" y2=${HEIGHT}></line><text x=${x(t)} y=${HEIGHT + 14} text-anchor="middle">${tickLabel(t)}</text></g>`)}
        <g class="axis"><line x1="0" x2=${width} y1=${HEIGHT} y2=${HEIGHT}></line><text x="0" y="-6">${peak.toLocaleString('en-US')} req/s at most</text></g>
        <path class="poll" d=${path(result.poll.perSecond)}></path>
        <path class="push" d=${path(result.push.perSecond)}></path>
      </svg>
      <p class="legend"><span><span class="swatch"></span>push (callbacks)</span><span><span class="swatch poll"></span>poll (status checks)</span></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rate-chart': RateChart;
  }
}
