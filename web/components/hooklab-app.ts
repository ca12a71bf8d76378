import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Lesson, LessonSummary } from '../../server/lab/lesson-types.ts';
import { api, ApiError, type CheckSummary } from '../lib/api.ts';
import { HealthStore } from '../lib/health-store.ts';
import { lessonHref, parseRoute } from '../lib/route.ts';
import { TimelineStore } from '../lib/timeline-store.ts';
import { sharedStyles } from '../styles/shared.ts';
import './app-header.ts';
import './lab-panel.ts';
import './lesson-list.ts';
import './lesson-view.ts';
import type { LessonView } from './lesson-view.ts';

/**
 * The whole page: header, lesson list, the lesson (`#/lessons/<id>`) and the lab beside it.
 * Opening a lesson also tells the lab, so that "your app" serves that lesson's workspace.
 */
@customElement('hooklab-app')
export class HooklabApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr);
        height: 100vh;
      }
      .skip {
        position: absolute;
        top: 0.5rem;
        left: 0.5rem;
        z-index: 1;
        padding: 0.5rem 0.9rem;
        border: 2px solid var(--focus);
        border-radius: 6px;
        background: var(--bg);
        color: var(--text);
        transform: translateY(-200%);
      }
      .skip:focus {
        transform: none;
      }
      .layout {
        display: grid;
        grid-template-columns: 14rem minmax(0, 1fr) clamp(390px, 38vw, 540px);
        min-height: 0;
      }
      lesson-list {
        overflow-y: auto;
        border-right: 1px solid var(--border);
        background: var(--surface);
      }
      main {
        overflow-y: auto;
        min-width: 0;
      }
      aside {
        min-height: 0;
        border-left: 1px solid var(--border);
        background: var(--surface);
      }
      @media (max-width: 1200px) {
        .layout {
          grid-template-columns: 11.5rem minmax(0, 1fr) clamp(390px, 38vw, 540px);
        }
      }
    `,
  ];

  @state() private _lessons: LessonSummary[] = [];
  @state() private _lessonsError: Error | null = null;
  @state() private _lesson: Lesson | null = null;
  @state() private _lessonError: Error | null = null;
  @state() private _lessonLoading = false;
  @state() private _currentId: string | null = null;

  @query('lesson-view') private _lessonView?: LessonView;

  readonly #store = new TimelineStore({
    loadPage: () => api.timeline(500),
    openStream: () => new EventSource('/api/timeline/stream'),
  });
  readonly #health = new HealthStore(() => api.health());
  #lessonsLoaded: Promise<void> = Promise.resolve();
  /** Where an empty route goes: the last lesson opened, else the one "your app" serves, else the first. */
  #fallbackId: string | null = null;
  #navigation = 0;
  readonly #onHashChange = () => void this._showRoute(true);
  readonly #onHealth = () => this._retryAfterOutage();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#store.start();
    this.#health.start();
    this.#health.addEventListener('change', this.#onHealth);
    this.#lessonsLoaded = this._loadLessons();
    window.addEventListener('hashchange', this.#onHashChange);
    void this._showRoute(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#store.stop();
    this.#health.stop();
    this.#health.removeEventListener('change', this.#onHealth);
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  override render() {
    return html`<button class="skip" type="button" @click=${this._onSkipToLab}>Skip to the lab</button>
      <app-header .health=${this.#health} .timeline=${this.#store}></app-header>
      <div class="layout">
        <lesson-list .lessons=${this._lessons} .currentId=${this._currentId} .error=${this._lessonsError}></lesson-list>
        <main>
          <lesson-view .lesson=${this._lesson} .error=${this._lessonError} ?loading=${this._lessonLoading} @checks-done=${this._onChecksDone}></lesson-view>
        </main>
        <aside aria-label="Lab">
          <lab-panel .store=${this.#store}></lab-panel>
        </aside>
      </div>`;
  }

  private _onSkipToLab(): void {
    this.shadowRoot?.querySelector('lab-panel')?.focusTrigger();
  }

  private _onChecksDone(e: CustomEvent<CheckSummary>): void {
    const lesson = this._lesson;
    if (lesson && e.detail.completedLessons.includes(lesson.id)) this._lesson = { ...lesson, completed: true };
    // The list's completion marks come from the lab's progress file, which the run just updated.
    this.#lessonsLoaded = this._loadLessons();
  }

  /** The lab answers again after failing: load what could not be loaded while it was away. */
  private _retryAfterOutage(): void {
    if (this.#health.error) return;
    const unreachable = (err: Error | null) => err instanceof ApiError && (err.status === 0 || err.status === 502);
    if (unreachable(this._lessonsError)) {
      this._lessonsError = null;
      this.#lessonsLoaded = this._loadLessons();
      if (!this._lesson) void this._showRoute(false);
    } else if (unreachable(this._lessonError)) {
      this._currentId = null;
      void this._showRoute(false);
    }
  }

  private async _loadLessons(): Promise<void> {
    try {
      const { lessons, active, lastLesson } = await api.lessons();
      this._lessons = lessons;
      this._lessonsError = null;
      this.#fallbackId = lastLesson ?? active ?? lessons[0]?.id ?? null;
    } catch (err) {
      this._lessonsError = err as Error;
    }
  }

  /** Shows the lesson the hash names; with none, goes to the last lesson opened (or the first). */
  private async _showRoute(userNavigated: boolean): Promise<void> {
    const navigation = ++this.#navigation;
    let { lessonId } = parseRoute(location.hash);
    if (!lessonId) {
      await this.#lessonsLoaded;
      if (navigation !== this.#navigation || !this.#fallbackId) return;
      lessonId = this.#fallbackId;
      history.replaceState(null, '', lessonHref(lessonId));
    }
    if (lessonId === this._currentId && this._lesson) return;
    this._currentId = lessonId;
    this._lesson = null;
    this._lessonError = null;
    this._lessonLoading = true;
    try {
      const lesson = await api.lesson(lessonId);
      if (navigation !== this.#navigation) return;
      this._lesson = lesson;
      this._lessonLoading = false;
      document.title = `${lesson.title} · Hooklab`;
      if (userNavigated) {
        await this.updateComplete;
        await this._lessonView?.updateComplete;
        this._lessonView?.focusHeading();
      }
      await api.openLesson(lessonId);
      void this.#health.refresh();
    } catch (err) {
      if (navigation === this.#navigation) {
        this._lessonError = err as Error;
        this._lessonLoading = false;
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hooklab-app': HooklabApp;
  }
}
