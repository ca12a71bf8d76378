import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { appProblem } from '../lib/app-problem.ts';
import { clockTime } from '../lib/record-format.ts';
import { StoreController } from '../lib/store-controller.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';
import { sharedStyles } from '../styles/shared.ts';

/**
 * Says when "your app" is in trouble, as the lab pushes it: a saved file that does not compile
 * (the last good version keeps running), a crash or hang with its stack (kept after the restart
 * until dismissed, since a restart takes a blink), a start in progress. Nothing while all is well.
 */
@customElement('app-status')
export class AppStatus extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .problem {
        border: 1px solid var(--server-error);
        border-left-width: 4px;
        background: var(--server-error-bg);
        border-radius: 6px;
        padding: 0.5rem 0.75rem;
        font-size: 0.9rem;
      }
      .problem.starting,
      .problem.recovered {
        border-color: var(--client-error);
        background: var(--client-error-bg);
      }
      .top {
        display: flex;
        align-items: flex-start;
        gap: 0.5rem;
      }
      p {
        margin: 0;
        overflow-wrap: anywhere;
        flex: 1;
      }
      .note {
        margin-top: 0.25rem;
        color: var(--muted);
        font-size: 0.85rem;
      }
      .button {
        padding: 0.15em 0.6em;
        font-size: 0.85rem;
      }
      summary {
        margin-top: 0.3rem;
        cursor: pointer;
        font-size: 0.85rem;
      }
      pre {
        margin: 0.4rem 0 0;
        padding: 0.4rem 0.6rem;
        max-height: 12rem;
        background: var(--code-bg);
        border: 1px solid var(--border);
        border-radius: 4px;
        overflow: auto;
        font-size: 0.78rem;
      }
    `,
  ];

  /** The timeline store, which carries "your app"'s state from the lab's stream. */
  @property({ attribute: false }) store?: TimelineStore;

  /** Crashes up to this time (ms) have been read and dismissed. */
  @state() private _dismissedAt = readDismissedAt();

  constructor() {
    super();
    new StoreController(this, () => this.store);
  }

  override render() {
    const problem = appProblem(this.store?.app ?? null, this._dismissedAt);
    if (!problem) return nothing;
    if (problem.kind === 'recovered') {
      // Back up already: one line, the story and the stack a click away.
      const { crash } = problem;
      return html`<div class="problem recovered" role="alert">
        <div class="top">
          <p><strong>${problem.summary}</strong> <span class="note">(at ${clockTime(crash.at)})</span></p>
          <button class="button" type="button" @click=${() => this._onDismiss(crash.at)}>Dismiss</button>
        </div>
        <details>
          <summary>What happened</summary>
          <p class="note">${problem.message}</p>
          ${crash.stack ? html`<pre tabindex="0">${crash.stack}</pre>` : nothing}
        </details>
      </div>`;
    }
    const crash = problem.kind === 'down' ? problem.crash : null;
    return html`<div class="problem ${problem.kind}" role="alert">
      <p>
        <strong>${problem.message}</strong>
        ${crash?.route ? html`<span class="note">(serving ${crash.route.method} ${crash.route.path})</span>` : nothing}
      </p>
      ${problem.kind === 'compile-error'
        ? html`<pre>${problem.frame}</pre>
            <p class="note">The last version that compiled keeps answering until you fix it and save.</p>`
        : nothing}
      ${crash?.stack
        ? html`<details>
            <summary>Stack trace</summary>
            <pre tabindex="0">${crash.stack}</pre>
          </details>`
        : nothing}
    </div>`;
  }

  private _onDismiss(at: number): void {
    this._dismissedAt = at;
    try {
      localStorage.setItem(DISMISSED_KEY, String(at));
    } catch {
      // Without storage the banner stays dismissed until the page reloads.
    }
  }
}

const DISMISSED_KEY = 'hooklab.dismissedCrashAt';

/** A dismissed crash stays dismissed across reloads; a newer crash (later `at`) shows again. */
function readDismissedAt(): number {
  try {
    return Number(localStorage.getItem(DISMISSED_KEY)) || 0;
  } catch {
    return 0;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'app-status': AppStatus;
  }
}
