import { css } from 'lit';

/** highlight.js token colours (the lab renders lesson code with hljs classes), for both themes. */
export const codeStyles = css`
  pre {
    background: var(--code-bg);
    border: 1px solid var(--border);
    border-radius: 6px;
    padding: 0.75em 1em;
    /* Long lines wrap, as in the editor: no block scrolls sideways, out of reach of the keyboard. */
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    line-height: 1.45;
  }
  :not(pre) > code {
    background: var(--surface-2);
    border-radius: 4px;
    padding: 0.1em 0.35em;
  }
  .hljs-keyword,
  .hljs-selector-tag,
  .hljs-doctag,
  .hljs-template-tag {
    color: var(--hl-keyword);
  }
  .hljs-string,
  .hljs-regexp,
  .hljs-template-variable,
  .hljs-selector-attr {
    color: var(--hl-string);
  }
  .hljs-number,
  .hljs-literal,
  .hljs-symbol,
  .hljs-bullet {
    color: var(--hl-number);
  }
  .hljs-comment,
  .hljs-quote {
    color: var(--hl-comment);
    font-style: italic;
  }
  .hljs-title,
  .hljs-title.function_,
  .hljs-title.class_,
  .hljs-section {
    color: var(--hl-title);
  }
  .hljs-attr,
  .hljs-attribute,
  .hljs-property,
  .hljs-variable,
  .hljs-name {
    color: var(--hl-attr);
  }
  .hljs-built_in,
  .hljs-type,
  .hljs-variable.language_ {
    color: var(--hl-builtin);
  }
  .hljs-meta,
  .hljs-selector-class,
  .hljs-selector-id {
    color: var(--hl-meta);
  }
  .hljs-emphasis {
    font-style: italic;
  }
  .hljs-strong {
    font-weight: 600;
  }
`;
