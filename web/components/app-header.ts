import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HealthStore } from '../lib/health-store.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';
import { sharedStyles } from '../styles/shared.ts';
import './party-health.ts';
import './theme-toggle.ts';

/** The bar across the top: Hooklab's name, the parties' health and the theme switch. */
@customElement('app-header')
export class AppHeader extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        border-bottom: 1px solid var(--border);
        background: var(--surface);
      }
      header {
        display: flex;
        align-items: center;
        gap: 1.25rem;
        padding: 0.55rem 1rem;
        min-height: 3.25rem;
      }
      .brand {
        display: flex;
        align-items: baseline;
        gap: 0.6rem;
        margin: 0;
        font-size: 1.15rem;
        font-weight: 700;
        letter-spacing: -0.01em;
      }
      .brand a {
        color: inherit;
        text-decoration: none;
      }
      .mark {
        color: var(--accent);
      }
      .tagline {
        font-size: 0.85rem;
        font-weight: 400;
        color: var(--muted);
      }
      party-health {
        margin-left: auto;
      }
    `,
  ];

  /** The parties' health, for the pills. */
  @property({ attribute: false }) health?: HealthStore;

  /** The timeline store, whose stream carries "your app"'s state as it changes. */
  @property({ attribute: false }) timeline?: TimelineStore;

  override render() {
    return html`<header>
      <p class="brand">
        <a href="#/"><span class="mark" aria-hidden="true">⇄</span> Hooklab</a>
        <span class="tagline">webhooks you can watch</span>
      </p>
      <party-health .store=${this.health} .timeline=${this.timeline}></party-health>
      <theme-toggle></theme-toggle>
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'app-header': AppHeader;
  }
}
