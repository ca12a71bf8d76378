import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LessonSummary } from '../../server/lab/lesson-types.ts';
import { lessonHref } from '../lib/route.ts';
import { sharedStyles } from '../styles/shared.ts';
import './error-notice.ts';

/** The course: every lesson the lab found, with a mark on the completed ones. */
@customElement('lesson-list')
export class LessonList extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        padding: 1rem 0.75rem;
      }
      h2 {
        margin: 0 0 0.5rem 0.5rem;
        font-size: 0.8rem;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--muted);
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      a {
        display: grid;
        grid-template-columns: 1.8em 1fr auto;
        align-items: baseline;
        gap: 0.25em;
        padding: 0.45em 0.5em;
        border-radius: 6px;
        color: var(--text);
        text-decoration: none;
        line-height: 1.35;
      }
      a:hover {
        background: var(--surface-2);
      }
      a[aria-current='page'] {
        background: var(--selected);
        font-weight: 600;
      }
      .number {
        color: var(--muted);
        font-variant-numeric: tabular-nums;
      }
      .done {
        color: var(--success);
        font-weight: 700;
      }
      .empty {
        color: var(--muted);
        padding: 0 0.5rem;
      }
    `,
  ];

  /** The lessons, in course order. */
  @property({ attribute: false }) lessons: LessonSummary[] = [];

  /** The lesson on screen. */
  @property() currentId: string | null = null;

  /** Why the list could not be loaded, if it could not. */
  @property({ attribute: false }) error: Error | null = null;

  override render() {
    return html`<nav aria-labelledby="lessons-heading">
      <h2 id="lessons-heading">Lessons</h2>
      <error-notice .error=${this.error} context="Could not load the lessons"></error-notice>
      ${this.lessons.length === 0 && !this.error ? html`<p class="empty">Loading…</p>` : nothing}
      <ol>
        ${this.lessons.map(
          (lesson) => html`<li>
            <a href=${lessonHref(lesson.id)} aria-current=${lesson.id === this.currentId ? 'page' : 'false'} title=${lesson.summary}>
              <span class="number">${String(lesson.number).padStart(2, '0')}</span>
              <span>${lesson.title}</span>
              ${lesson.completed
                ? html`<span class="done" aria-hidden="true">✓</span><span class="visually-hidden">(completed)</span>`
                : nothing}
            </a>
          </li>`,
        )}
      </ol>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lesson-list': LessonList;
  }
}
