import { css } from 'lit';

/** What the push-versus-poll charts share: a full-width SVG and its time axis. */
export const chartStyles = css`
  :host {
    display: block;
  }
  svg {
    width: 100%;
    height: auto;
    overflow: visible;
    font-size: 11px;
  }
  .axis line {
    stroke: var(--border);
  }
  .axis text {
    fill: var(--muted);
  }
`;
