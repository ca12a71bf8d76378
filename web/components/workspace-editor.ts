import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { compileMark } from '../lib/compile-mark.ts';
import { EditorSession, type WorkspaceChange } from '../lib/editor-session.ts';
import { handlerKey, type SaveStatus, saveStatusText } from '../lib/save-status.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';
import { sharedStyles } from '../styles/shared.ts';
import './code-diff.ts';
import './code-editor.ts';
import './edit-conflict.ts';
import './solution-diff.ts';
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
  @state() private _status: SaveStatus | null = null;
  @state() private _showSolution = false;

  readonly #onSessionChange = () => this.requestUpdate();
  readonly #onWorkspace = (event: Event) => {
    const change = (event as CustomEvent<WorkspaceChange>).detail;
    for (const session of this._sessions) void session.onWorkspaceChange(change);
  };
  // The store changes with every record and clock tick; only "your app"'s state matters here.
  readonly #onStoreChange = () => {
    if (this.store?.app === this.#app) return;
    this.#app = this.store?.app;
    this.requestUpdate();
  };
  readonly #onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this._sessions.some((session) => session.dirty)) event.preventDefault();
  };
  #listening: TimelineStore | undefined;
  #app: TimelineStore['app'] | undefined;
  #hadConflict = false;
  #focusInside = false;

  constructor() {
    super();
    // Ctrl/Cmd-S on the toolbar or a conflict's buttons saves too, instead of the browser's dialog
    // (inside the editor CodeMirror's keymap has already handled it and prevented the default).
    this.addEventListener('keydown', (event) => {
      if (event.defaultPrevented || event.key.toLowerCase() !== 's' || !(isMac ? event.metaKey : event.ctrlKey) || event.altKey || event.shiftKey) return;
      event.preventDefault();
      void this._onSave();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.#onBeforeUnload);
    // Moved in the page: listen again to what disconnecting let go of.
    if (this.hasUpdated) {
      this.#follow(this.store);
      for (const session of this._sessions) session.addEventListener('change', this.#onSessionChange);
    }
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
    if (conflict && !this.#hadConflict && this.#focusInside) {
      const choice = this.shadowRoot?.querySelector('edit-conflict');
      void choice?.updateComplete.then(() => choice.focusChoice());
    }
    if (!conflict && this.#hadConflict && this.#focusInside) this.shadowRoot?.querySelector('code-editor')?.focus();
    this.#hadConflict = conflict !== null;
  }

  override render() {
    const session = this._sessions[this._current];
    if (!session) return nothing;
    const name = session.file;
    return html`<div class="bar">
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
        <button class="button" type="button" aria-expanded=${this._showSolution ? 'true' : 'false'} @click=${this._onToggleSolution}>
          ${this._showSolution ? 'Hide solution' : 'Show solution'}
        </button>
        <button class="button" type="button" @click=${this._onReset}>Reset to starter</button>
      </div>
      ${session.conflict
        ? html`<edit-conflict .conflict=${session.conflict} file=${name} @keep-mine=${this._onKeepMine} @take-theirs=${this._onTakeTheirs}></edit-conflict>`
        : nothing}
      ${session.base ? this._renderEditor(session) : html`<p class="help">${session.error ? '' : `Loading ${name}…`}</p>`}
      <p class="help">
        <kbd>${MOD}S</kbd> saves and "your app" runs it at once. <kbd>${MOD}F</kbd> searches. <kbd>Tab</kbd> indents: press <kbd>Esc</kbd> then
        <kbd>Tab</kbd> to move on.
      </p>
      <p class="status ${this._status?.saved ? 'saved' : ''}" role="status">${saveStatusText(this._status, this.store?.app, this.lessonId)}</p>
      <error-notice .error=${session.error} context=${`Could not load or save ${name}`}></error-notice>
      ${this._showSolution ? html`<solution-diff .session=${session} .content=${session.content}></solution-diff>` : nothing}`;
  }

  private _renderEditor(session: EditorSession) {
    return html`<code-editor
      ?hidden=${session.conflict !== null}
      .content=${session.content}
      .mark=${compileMark(this.store?.app, this.lessonId, session.file)}
      label=${`Edit ${session.file}`}
      @edit=${(e: CustomEvent<string>) => session.edit(e.detail)}
      @save=${this._onSave}
    ></code-editor>`;
  }

  private _onPick(index: number): void {
    this._current = index;
    this._showSolution = false;
  }

  private async _onSave(): Promise<void> {
    const session = this._sessions[this._current];
    if (!session || session.saving) return;
    // The handler before the save: another one means "your app" has loaded the saved file.
    const before = handlerKey(this.store?.app);
    const result = await session.save();
    this._status =
      result === 'saved'
        ? { text: `Saved ${session.file} at ${new Date().toLocaleTimeString()}`, saved: true, swapAfter: before }
        : result === 'conflict'
          ? { text: 'Not saved: the file changed on disk. Choose a version above.' }
          : { text: 'Not saved.' };
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

  private _onToggleSolution(): void {
    this._showSolution = !this._showSolution;
  }

  #open(): void {
    for (const session of this._sessions) session.removeEventListener('change', this.#onSessionChange);
    this._sessions = this.lessonId ? this.files.map((file) => sessionFor(this.lessonId, file)) : [];
    this._current = 0;
    this._status = null;
    this._showSolution = false;
    for (const session of this._sessions) {
      session.addEventListener('change', this.#onSessionChange);
      // A buffer kept from an earlier visit keeps its edits; the file may have moved on meanwhile.
      void (session.dirty ? session.compareWithDisk() : session.load());
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

/**
 * Sessions live as long as the page, not the element: leaving a lesson with unsaved edits and
 * coming back finds them still there (a reload is guarded by the beforeunload prompt).
 */
const sessions = new Map<string, EditorSession>();

function sessionFor(lessonId: string, file: string): EditorSession {
  const key = `${lessonId}/${file}`;
  let session = sessions.get(key);
  if (!session) sessions.set(key, (session = new EditorSession(lessonId, file)));
  return session;
}

declare global {
  interface HTMLElementTagNameMap {
    'workspace-editor': WorkspaceEditor;
  }
}
