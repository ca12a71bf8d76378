import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { StoreController } from '../lib/store-controller.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';
import { sharedStyles } from '../styles/shared.ts';
import './app-status.ts';
import './clock-controls.ts';
import './fault-toggles.ts';
import './record-inspector.ts';
import './timeline-view.ts';
import './trigger-control.ts';

/** The lab beside the lesson: triggers, the clock, faults, the live timeline and the inspector of one record. */
@customElement('lab-panel')
export class LabPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 0.6rem;
        padding: 0.9rem 1rem 1rem;
        min-height: 0;
        height: 100%;
        /* When alerts and the inspector crowd a short window, scroll rather than crush the timeline. */
        overflow-y: auto;
      }
      timeline-view {
        flex: 1 1 45%;
        min-height: 18rem;
      }
      record-inspector {
        flex: 1 1 55%;
        min-height: 12rem;
      }
    `,
  ];

  /** The page's copy of the timeline. */
  @property({ attribute: false }) store?: TimelineStore;

  @state() private _selectedId: string | null = null;

  constructor() {
    super();
    new StoreController(this, () => this.store);
  }

  /** Puts keyboard focus on the lab's first control ("Trigger a payment"). */
  focusTrigger(): void {
    this.shadowRoot?.querySelector('trigger-control')?.focusTrigger();
  }

  override render() {
    const selected = this._selectedId ? (this.store?.get(this._selectedId) ?? null) : null;
    return html`<app-status .store=${this.store}></app-status>
      <trigger-control></trigger-control>
      <clock-controls .store=${this.store}></clock-controls>
      <fault-toggles></fault-toggles>
      <timeline-view .store=${this.store} .selectedId=${this._selectedId} @record-select=${this._onSelect}></timeline-view>
      ${selected ? html`<record-inspector .record=${selected} @close=${this._onClose}></record-inspector>` : nothing}`;
  }

  private _onSelect(e: CustomEvent<{ id: string }>): void {
    this._selectedId = e.detail.id;
  }

  private async _onClose(): Promise<void> {
    const id = this._selectedId;
    this._selectedId = null;
    await this.updateComplete;
    // Give focus back to the row the inspector was opened from.
    if (id) this.shadowRoot?.querySelector('timeline-view')?.focusRecord(id);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-panel': LabPanel;
  }
}
