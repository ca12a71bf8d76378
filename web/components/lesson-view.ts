import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Lesson } from '../../server/lab/lesson-types.ts';
import { codeStyles } from '../styles/code.ts';
import { sharedStyles } from '../styles/shared.ts';
import './check-runner.ts';
import './error-notice.ts';

/** One lesson: its title, length and objectives, then the text the lab rendered from lesson.md. */
@customElement('lesson-view')
export class LessonView extends LitElement {
  static override styles = [
    sharedStyles,
    codeStyles,
    css`
      :host {
        display: block;
        padding: 1.5rem 2rem 3rem;
      }
      article {
        max-width: 46rem;
        margin: 0 auto;
      }
      .meta {
        margin: 0;
        color: var(--muted);
        font-size: 0.9rem;
      }
      h1 {
        margin: 0.2rem 0 0.5rem;
        font-size: 1.9rem;
        line-height: 1.2;
        letter-spacing: -0.015em;
      }
      h1:focus {
        outline: none;
      }
      h1:focus-visible {
        outline: 3px solid var(--focus);
      }
      .summary {
        margin: 0 0 1rem;
        font-size: 1.05rem;
        color: var(--muted);
      }
      .objectives,
      .exercise {
        border: 1px solid var(--border);
        border-radius: 8px;
        background: var(--surface);
        padding: 0.75rem 1rem;
        margin: 0 0 1rem;
      }
      .objectives h2,
      .exercise h2 {
        margin: 0 0 0.35rem;
        font-size: 0.95rem;
      }
      .objectives ul {
        margin: 0;
        padding-left: 1.2rem;
      }
      .exercise p {
        margin: 0 0 0.6rem;
        font-size: 0.92rem;
      }
      .content {
        line-height: 1.65;
      }
      .content h2 {
        margin: 1.8rem 0 0.5rem;
        font-size: 1.35rem;
        line-height: 1.3;
      }
      .content h3 {
        margin: 1.4rem 0 0.4rem;
        font-size: 1.1rem;
      }
      .content a {
        color: var(--accent);
      }
      .content blockquote {
        margin: 1rem 0;
        padding: 0.25rem 1rem;
        border-left: 4px solid var(--border);
        color: var(--muted);
      }
      .content table {
        border-collapse: collapse;
      }
      .content th,
      .content td {
        border: 1px solid var(--border);
        padding: 0.3em 0.6em;
      }
      .loading {
        color: var(--muted);
      }
    `,
  ];

  /** The lesson to show; null while it loads. */
  @property({ attribute: false }) lesson: Lesson | null = null;

  /** Why the lesson could not be loaded or opened. */
  @property({ attribute: false }) error: Error | null = null;

  /** True while the lesson is on its way. */
  @property({ type: Boolean }) loading = false;

  @query('h1') private _heading?: HTMLElement;

  /** Moves keyboard focus to the lesson's title (after navigating to it). */
  focusHeading(): void {
    this._heading?.focus();
  }

  override render() {
    const { lesson } = this;
    return html`<error-notice .error=${this.error} context="Could not open the lesson"></error-notice>
      ${lesson
        ? html`<article aria-labelledby="lesson-title">
            <p class="meta">Lesson ${lesson.number} · ${lesson.minutes} min${lesson.completed ? ' · completed ✓' : ''}</p>
            <h1 id="lesson-title" tabindex="-1">${lesson.title}</h1>
            <p class="summary">${lesson.summary}</p>
            ${lesson.objectives.length
              ? html`<section class="objectives" aria-labelledby="objectives-heading">
                  <h2 id="objectives-heading">By the end you can</h2>
                  <ul>
                    ${lesson.objectives.map((objective) => html`<li>${objective}</li>`)}
                  </ul>
                </section>`
              : nothing}
            ${lesson.editable.length || lesson.hasExercise
              ? html`<section class="exercise" aria-labelledby="exercise-heading">
                  <h2 id="exercise-heading">Your exercise</h2>
                  ${lesson.editable.length
                    ? html`<p>
                        Edit ${lesson.editable.map((file, i) => html`${i ? ', ' : ''}<code>workspace/${lesson.id}/${file}</code>`)} in
                        your own editor; "your app" runs the new code as soon as you save.
                      </p>`
                    : nothing}
                  ${lesson.hasExercise ? html`<check-runner .lessonId=${lesson.id}></check-runner>` : nothing}
                </section>`
              : nothing}
            <div class="content">${unsafeHTML(withoutTitle(lesson.html))}</div>
          </article>`
        : this.loading
          ? html`<p class="loading">Loading the lesson…</p>`
          : this.error
            ? nothing
            : html`<p class="loading">Pick a lesson from the list.</p>`}`;
  }
}

/** lesson.md opens with its title as an h1; the view already shows the title, once. */
function withoutTitle(html: string): string {
  return html.replace(/^\s*<h1[^>]*>[\s\S]*?<\/h1>\s*/, '');
}

declare global {
  interface HTMLElementTagNameMap {
    'lesson-view': LessonView;
  }
}
