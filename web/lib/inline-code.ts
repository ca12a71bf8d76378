import { html, type TemplateResult } from 'lit';

/** Text from the lab (hints, error hints) marks code with backticks; this shows those spans as code. */
export function withInlineCode(text: string): (string | TemplateResult)[] {
  return text.split('`').map((part, i) => (i % 2 ? html`<code>${part}</code>` : part));
}
