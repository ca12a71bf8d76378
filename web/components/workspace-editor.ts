import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { EditorSession, type WorkspaceChange } from '../lib/editor-session.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';
import { sharedStyles } from '../styles/shared.ts';
import type { EditorMark } from './code-editor.ts';
import './code-diff.ts';
import './code-editor.ts';
import './error-notice.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl-';

/**
 * The lesson's editable files in the page: one editor per file (an EditorSession each), Save
 * (also Ctrl/Cmd-S), a dirty marker, "Reset to starter" and "Show solution". A save refused
 * because the file changed on disk, or a change from another editor under unsaved edits, shows
 * both versions and lets the learner keep theirs or take the file on disk.
 */
@customElement('workspace-editor')
export class WorkspaceEditor extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        margin: 0 0 0.75rem;
      }
      .bar {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin: 0 0 0.4rem;
      }
      .file {
        font-size: 0.9rem;
      }
      .state {
        margin-right: auto;
        font-size: 0.85rem;
      }
      .tab[aria-pressed='true'] {
        border-color: var(--accent);
        box-shadow: inset 0 -2px 0 var(--accent);
      }
      .dirty {
        color: var(--client-error);
        font-weight: 700;
      }
      .button {
        padding: 0.25em 0.7em;
        font-size: 0.88rem;
      }
      .status {
        margin: 0.2rem 0 0;
        font-size: 0.85rem;
        color: var(--muted);
      }
      .status.saved {
        color: var(--success);
      }
      .panel {
        border: 1px solid var(--client-error);
        border-left-width: 4px;
        background: var(--client-error-bg);
        border-radius: 6px;
        padding: 0.5rem 0.75rem 0.75rem;
        margin: 0 0 0.5rem;
      }
      .panel.solution {
        border-color: var(--border);
        border-left-color: var(--accent);
        background: var(--bg);
        margin: 0.6rem 0 0;
      }
      .panel p {
        margin: 0 0 0.45rem;
        font-size: 0.9rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-top: 0.5rem;
      }
      .help {
        margin: 0.2rem 0 0;
        font-size: 0.8rem;
        color: var(--muted);
      }
      kbd {
        font: inherit;
        font-size: 0.95em;
        padding: 0 0.25em;
        border: 1px solid var(--border);
        border-radius: 3px;
        background: var(--surface-2);
      }
      code {
        background: var(--surface-2);
        border-radius: 4px;
        padding: 0.05em 0.3em;
      }
    `,
  ];

  /** The lesson whose workspace is edited. */
  @property() lessonId = '';

  /** The files the lesson declares editable (`editable` in lesson.md). */
  @property({ attribute: false }) files: string[] = [];

  /** The timeline store: its `workspace` events (edits made in another editor) and "your app"'s compile errors. */
  @property({ attribute: false }) store?: TimelineStore;

  @state() private _sessions: EditorSession[] = [];
  @state() private _current = 0;
  @state() private _status: { text: string; saved?: boolean; swapAfter?: number | null } | null = null;
  @state() private _solution: string | null = null;
  @state() private _solutionError: Error | null = null;

  readonly #onSessionChange = () => this.requestUpdate();
  readonly #onWorkspace = (event: Event) => {
    const change = (event as CustomEvent<WorkspaceChange>).detail;
    for (const session of this._sessions) void session.onWorkspaceChange(change);
  };
  readonly #onStoreChange = () => this.requestUpdate();
  readonly #onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this._sessions.some((session) => session.dirty)) event.preventDefault();
  };
  #listening: TimelineStore | undefined;
  #mark: EditorMark | null = null;
  #hadConflict = false;
  #focusInside = false;
  #markKey = 'null';

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.#onBeforeUnload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.#onBeforeUnload);
    this.#follow(undefined);
    for (const session of this._sessions) session.removeEventListener('change', this.#onSessionChange);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#follow(this.store);
    if (changed.has('lessonId') || changed.has('files')) this.#open();
    // Read before rendering: hiding the editor drops the focus it held.
    this.#focusInside = this.matches(':focus-within');
  }

  protected override updated(): void {
    // The editor hides while two versions are shown: keep keyboard focus with the choice, then give it back.
    const conflict = this._sessions[this._current]?.conflict ?? null;
    if (conflict && !this.#hadConflict && this.#focusInside) this.shadowRoot?.querySelector<HTMLElement>('.panel .button')?.focus();
    if (!conflict && this.#hadConflict && this.#focusInside) this.shadowRoot?.querySelector('code-editor')?.focus();
    this.#hadConflict = conflict !== null;
  }

  override render() {
    const session = this._sessions[this._current];
    if (!session) return nothing;
    const name = session.file;
    return html`<div class="bar" role="toolbar" aria-label="Editor">
        ${this._sessions.length > 1
          ? this._sessions.map(
              (s, i) =>
                html`<button class="button tab" type="button" aria-pressed=${i === this._current ? 'true' : 'false'} @click=${() => this._onPick(i)}>
                  ${s.file}${s.dirty ? html` <span aria-hidden="true">●</span><span class="visually-hidden">(unsaved)</span>` : nothing}
                </button>`,
            )
          : html`<code class="file">${name}</code>`}
        <span class="state">${session.dirty ? html`<span class="dirty">● Unsaved changes</span>` : nothing}</span>
        <button class="button primary" type="button" aria-disabled=${session.saving ? 'true' : 'false'} aria-keyshortcuts=${isMac ? 'Meta+S' : 'Control+S'} @click=${this._onSave}>
          ${session.saving ? 'Saving…' : 'Save'}
        </button>
        <button class="button" type="button" aria-expanded=${this._solution !== null ? 'true' : 'false'} @click=${this._onToggleSolution}>
          ${this._solution !== null ? 'Hide solution' : 'Show solution'}
        </button>
        <button class="button" type="button" @click=${this._onReset}>Reset to starter</button>
      </div>
      ${session.conflict ? this._renderConflict(session) : nothing}
      ${session.base ? this._renderEditor(session) : html`<p class="help">${session.error ? '' : `Loading ${name}…`}</p>`}
      <p class="help">
        <kbd>${MOD}S</kbd> saves and "your app" runs it at once. <kbd>${MOD}F</kbd> searches. <kbd>Tab</kbd> indents: press <kbd>Esc</kbd> then
        <kbd>Tab</kbd> to move on.
      </p>
      <p class="status ${this._status?.saved ? 'saved' : ''}" role="status">${this._statusText()}</p>
      <error-notice .error=${session.error} context=${`Could not load or save ${name}`}></error-notice>
      ${this._solution !== null
        ? html`<section class="panel solution" aria-label="Your file against the solution">
            <p>Your file against the lesson's solution: lines only yours have are red, the solution's are green. Nothing is copied into your file.</p>
            <code-diff .a=${session.content} .b=${this._solution} aLabel=${`Your ${name}`} bLabel="Solution"></code-diff>
          </section>`
        : nothing}
      <error-notice .error=${this._solutionError} context="Could not load the solution"></error-notice>`;
  }

  private _renderConflict(session: EditorSession) {
    const conflict = session.conflict!;
    return html`<section class="panel" role="alert" aria-label="Two versions of ${session.file}">
      <p>
        <strong>${session.file} changed on disk</strong> (in another editor) while you had unsaved edits here. Nothing was overwritten: compare both
        and choose.
      </p>
      <code-diff .a=${conflict.mine} .b=${conflict.theirs.content} aLabel="Your version (in this page)" bLabel="On disk now"></code-diff>
      <div class="actions">
        <button class="button primary" type="button" @click=${this._onKeepMine}>Keep mine (save it over the file on disk)</button>
        <button class="button" type="button" @click=${this._onTakeTheirs}>Take the file on disk</button>
      </div>
    </section>`;
  }

  private _renderEditor(session: EditorSession) {
    return html`<code-editor
      ?hidden=${session.conflict !== null}
      .content=${session.content}
      .mark=${this._mark(session)}
      label=${`Edit ${session.file}`}
      @edit=${(e: CustomEvent<string>) => session.edit(e.detail)}
      @save=${this._onSave}
    ></code-editor>`;
  }

  /** The compile error "your app" reports for this file, to mark in the editor (the same object while it stays). */
  private _mark(session: EditorSession): EditorMark | null {
    const app = this.store?.app;
    const error = app && app.lesson === this.lessonId && app.handler.status === 'compile-error' ? app.handler.error : null;
    const mark = error && error.file === session.file && error.line >= 1 ? { line: error.line, column: error.column, message: error.message } : null;
    const key = JSON.stringify(mark);
    if (key !== this.#markKey) {
      this.#markKey = key;
      this.#mark = mark;
    }
    return this.#mark;
  }

  private _onPick(index: number): void {
    this._current = index;
    this._solution = null;
  }

  private async _onSave(): Promise<void> {
    const session = this._sessions[this._current];
    if (!session || session.saving) return;
    // The handler version before the save: a newer one means "your app" has loaded the saved file.
    const before = handlerVersion(this.store);
    const result = await session.save();
    this._status =
      result === 'saved'
        ? { text: `Saved ${session.file} at ${new Date().toLocaleTimeString()}`, saved: true, swapAfter: before }
        : result === 'conflict'
          ? { text: 'Not saved: the file changed on disk. Choose a version above.' }
          : { text: 'Not saved.' };
  }

  /** The status line; after a save it follows "your app" until it serves the new code (or fails to compile it). */
  private _statusText(): string {
    const status = this._status;
    if (!status) return '';
    if (status.swapAfter === undefined) return status.text;
    const handler = this.store?.app?.handler;
    const version = handlerVersion(this.store);
    if (!handler || version === null || status.swapAfter === null || version <= status.swapAfter) return `${status.text}: your app is loading it…`;
    return handler.status === 'compile-error'
      ? `${status.text}, but it does not compile (see the alert in the lab): the last good version keeps answering.`
      : `${status.text}: your app runs the new code.`;
  }

  private async _onKeepMine(): Promise<void> {
    const session = this._sessions[this._current];
    if (!session) return;
    const result = await session.keepMine();
    this._status = result === 'saved' ? { text: `Kept your version: saved over the file on disk.`, saved: true } : { text: 'Not saved.' };
  }

  private async _onTakeTheirs(): Promise<void> {
    await this._sessions[this._current]?.takeTheirs();
    this._status = { text: 'Took the file on disk; your unsaved edits were dropped.' };
  }

  private async _onReset(): Promise<void> {
    const session = this._sessions[this._current];
    if (!session) return;
    const unsaved = session.dirty ? '\n\nUnsaved edits in the page are not part of that copy: save first to keep them.' : '';
    const ok = window.confirm(
      `Reset ${session.file} to the lesson's starter?\n\nThe lab first keeps your current file under workspace/.history/, so nothing on disk is lost.${unsaved}`,
    );
    if (!ok) return;
    const savedTo = await session.reset();
    if (!session.error) this._status = { text: `Reset to the starter.${savedTo ? ` Your previous file is kept in workspace/${savedTo}.` : ''}` };
  }

  private async _onToggleSolution(): Promise<void> {
    if (this._solution !== null) {
      this._solution = null;
      return;
    }
    try {
      this._solution = await this._sessions[this._current].solution();
      this._solutionError = null;
      await this.updateComplete;
      this.shadowRoot?.querySelector('.panel.solution')?.scrollIntoView({ block: 'start' });
    } catch (err) {
      this._solutionError = err as Error;
    }
  }

  #open(): void {
    for (const session of this._sessions) session.removeEventListener('change', this.#onSessionChange);
    this._sessions = this.lessonId ? this.files.map((file) => new EditorSession(this.lessonId, file)) : [];
    this._current = 0;
    this._status = null;
    this._solution = null;
    for (const session of this._sessions) {
      session.addEventListener('change', this.#onSessionChange);
      void session.load();
    }
  }

  #follow(store: TimelineStore | undefined): void {
    if (store === this.#listening) return;
    this.#listening?.removeEventListener('workspace', this.#onWorkspace);
    this.#listening?.removeEventListener('change', this.#onStoreChange);
    store?.addEventListener('workspace', this.#onWorkspace);
    store?.addEventListener('change', this.#onStoreChange);
    this.#listening = store;
  }
}

function handlerVersion(store: TimelineStore | undefined): number | null {
  const handler = store?.app?.handler;
  return handler && handler.status !== 'loading' ? handler.version : null;
}

declare global {
  interface HTMLElementTagNameMap {
    'workspace-editor': WorkspaceEditor;
  }
}
