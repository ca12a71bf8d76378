import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDuration } from '../lib/record-format.ts';
import { formatBytes, type StrategyFigures } from '../lib/push-vs-poll.ts';
import { sharedStyles } from '../styles/shared.ts';

/** One strategy's measured figures as a card: requests, wasted, detection latency, bytes, peak rate. */
@customElement('strategy-figures')
export class StrategyFiguresCard extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        padding: 0.7rem 0.9rem;
        border: 1px solid var(--border);
        border-top: 4px solid var(--strategy-colour, var(--accent));
        border-radius: 8px;
        background: var(--bg);
      }
      h3 {
        margin: 0 0 0.4rem;
        font-size: 1em;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.15rem 0.8rem;
        margin: 0;
        font-size: 0.9em;
      }
      dt {
        color: var(--muted);
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
        text-align: right;
        white-space: nowrap;
      }
      .warn {
        color: var(--server-error);
        font-weight: 600;
      }
    `,
  ];

  /** The heading ("Push (callback)"). */
  @property() label = '';
  /** The figures to show; nothing renders until there are some. */
  @property({ attribute: false }) figures: StrategyFigures | null = null;

  override render() {
    const f = this.figures;
    if (!f) return nothing;
    const latency = f.detectionLatencyMs;
    const n = (value: number) => value.toLocaleString('en-US');
    return html`<h3>${this.label}</h3>
      <dl>
        <dt>Requests</dt>
        <dd>${n(f.requests)}</dd>
        <dt>Wasted</dt>
        <dd>${n(f.wasted)}${f.requests ? html` (${Math.round((100 * f.wasted) / f.requests)}%)` : nothing}</dd>
        <dt>Noticed late by (median)</dt>
        <dd>${latency ? formatDuration(latency.p50) : '—'}</dd>
        <dt>… 95th percentile / worst</dt>
        <dd>${latency ? `${formatDuration(latency.p95)} / ${formatDuration(latency.max)}` : '—'}</dd>
        <dt>Bytes on the wire</dt>
        <dd>${formatBytes(f.bytes)}</dd>
        <dt>Peak requests per second</dt>
        <dd>${n(f.peakRequestsPerSecond)}</dd>
        <dt>Jobs never noticed</dt>
        <dd class=${f.missed ? 'warn' : ''}>${n(f.missed)}</dd>
      </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'strategy-figures': StrategyFiguresCard;
  }
}
