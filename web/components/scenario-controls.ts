import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { jobSecondsFrom, PRESETS, type Preset, type ScenarioRequest } from '../lib/push-vs-poll.ts';
import { sharedStyles } from '../styles/shared.ts';

/**
 * The knobs of a push-versus-poll run: jobs, how long each takes, the poll interval, backoff, the
 * loop (correct or the article's naive one) and how fast to play it, with presets. Fires
 * `run-scenario` with the request to send.
 */
@customElement('scenario-controls')
export class ScenarioControls extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .presets {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-bottom: 0.6rem;
      }
      .presets .button[aria-pressed='true'] {
        border-color: var(--accent);
        background: var(--selected);
      }
      form {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
        gap: 0.5rem 0.8rem;
        align-items: end;
      }
      label {
        display: grid;
        gap: 0.15rem;
        font-size: 0.85em;
        color: var(--muted);
      }
      input {
        font: inherit;
        color: var(--text);
        padding: 0.3em 0.45em;
        border: 1px solid var(--border);
        border-radius: 6px;
        background: var(--bg);
        min-width: 0;
      }
      .preset-note {
        margin: 0 0 0.6rem;
        font-size: 0.85em;
        color: var(--muted);
      }
    `,
  ];

  /** True while a run is going (the Run button waits). */
  @property({ type: Boolean }) running = false;
  /** The preset the controls start from. */
  @property() preset = PRESETS[0].id;

  @state() private _jobs = 1;
  @state() private _minSeconds = 30;
  @state() private _maxSeconds = 30;
  @state() private _intervalSeconds = 2;
  @state() private _backoff = 1;
  @state() private _maxAttempts = 1000;
  @state() private _variant: 'loop' | 'naive' = 'loop';
  @state() private _speed = 10;
  @state() private _presetId: string | null = null;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('preset')) this._apply(PRESETS.find((p) => p.id === this.preset) ?? PRESETS[0]);
  }

  override render() {
    const preset = PRESETS.find((p) => p.id === this._presetId);
    const number = (label: string, value: number, set: (v: number) => void, attrs: { min: number; max: number; step: number | 'any' }) =>
      html`<label>${label}<input type="number" min=${attrs.min} max=${attrs.max} step=${attrs.step} .value=${String(value)}
        @input=${(e: Event) => { set(Number((e.target as HTMLInputElement).value)); this._presetId = null; }} /></label>`;
    return html`<div class="presets" role="group" aria-label="Presets">
        ${PRESETS.map((p) => html`<button type="button" class="button" aria-pressed=${p.id === this._presetId ? 'true' : 'false'} @click=${() => this._apply(p)}>${p.label}</button>`)}
      </div>
      <p class="preset-note">${preset?.description ?? 'Your own settings.'}</p>
      <form @submit=${this._onSubmit}>
        ${number('Jobs', this._jobs, (v) => (this._jobs = v), { min: 1, max: 5000, step: 1 })}
        ${number('Each job takes at least (s)', this._minSeconds, (v) => (this._minSeconds = v), { min: 0.1, max: 3600, step: 'any' })}
        ${number('… and at most (s)', this._maxSeconds, (v) => (this._maxSeconds = v), { min: 0.1, max: 3600, step: 'any' })}
        ${number('Poll every (s)', this._intervalSeconds, (v) => (this._intervalSeconds = v), { min: 0.01, max: 600, step: 'any' })}
        ${number('Backoff (× each wait)', this._backoff, (v) => (this._backoff = v), { min: 1, max: 10, step: 'any' })}
        ${number('Give up after (polls)', this._maxAttempts, (v) => (this._maxAttempts = v), { min: 1, max: 100000, step: 1 })}
        <label>Poll loop
          <select .value=${this._variant} @change=${(e: Event) => { this._variant = (e.target as HTMLSelectElement).value as 'loop' | 'naive'; this._presetId = null; }}>
            <option value="loop">correct loop</option>
            <option value="naive">the article's naive loop</option>
          </select>
        </label>
        <label>Play at
          <select .value=${String(this._speed)} @change=${(e: Event) => (this._speed = Number((e.target as HTMLSelectElement).value))}>
            ${[1, 10, 50, 100, 1000].map((s) => html`<option value=${s} ?selected=${s === this._speed}>${s}× real time</option>`)}
          </select>
        </label>
        <button class="button primary" type="submit" aria-disabled=${this.running ? 'true' : 'false'}>${this.running ? 'Running…' : 'Run both ways'}</button>
      </form>`;
  }

  private _apply(preset: Preset): void {
    const p = preset.params;
    this._presetId = preset.id;
    this._jobs = p.jobs;
    [this._minSeconds, this._maxSeconds] = typeof p.jobSeconds === 'number' ? [p.jobSeconds, p.jobSeconds] : p.jobSeconds;
    this._intervalSeconds = p.pollIntervalMs / 1000;
    this._backoff = p.backoff ?? 1;
    this._maxAttempts = p.maxAttempts ?? 1000;
    this._variant = p.variant ?? 'loop';
    this._speed = p.speed ?? 10;
  }

  private _onSubmit(e: Event): void {
    e.preventDefault();
    if (this.running) return;
    const request: ScenarioRequest = {
      jobs: this._jobs,
      jobSeconds: jobSecondsFrom(this._minSeconds, this._maxSeconds),
      pollIntervalMs: Math.round(this._intervalSeconds * 1000),
      backoff: this._backoff,
      maxAttempts: this._maxAttempts,
      variant: this._variant,
      speed: this._speed,
    };
    this.dispatchEvent(new CustomEvent<ScenarioRequest>('run-scenario', { detail: request, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scenario-controls': ScenarioControls;
  }
}
