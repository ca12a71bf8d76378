import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { applyTheme, initialTheme, onSystemThemeChange, savedTheme, type Theme } from '../lib/theme.ts';
import { sharedStyles } from '../styles/shared.ts';

/**
 * Switches between the light and dark themes; the choice is remembered in localStorage. Until the
 * learner chooses, the page follows the system's preference, also when it changes.
 */
@customElement('theme-toggle')
export class ThemeToggle extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-block;
      }
      .icon {
        font-size: 1.05em;
        line-height: 1;
      }
    `,
  ];

  @state() private _theme: Theme = initialTheme();

  #stopFollowingSystem: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    applyTheme(this._theme);
    this.#stopFollowingSystem = onSystemThemeChange((theme) => {
      if (savedTheme()) return;
      this._theme = theme;
      applyTheme(theme);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopFollowingSystem?.();
  }

  override render() {
    const dark = this._theme === 'dark';
    return html`<button class="button" type="button" aria-pressed=${dark ? 'true' : 'false'} @click=${this._onClick}>
      <span class="icon" aria-hidden="true">${dark ? '☾' : '☀'}</span> Dark theme
    </button>`;
  }

  private _onClick(): void {
    this._theme = this._theme === 'dark' ? 'light' : 'dark';
    applyTheme(this._theme, true);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'theme-toggle': ThemeToggle;
  }
}
