import { indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { unifiedMergeView } from '@codemirror/merge';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { basicSetup } from 'codemirror';

/**
 * Everything CodeMirror, in one module the page loads with a dynamic `import()` the first time an
 * editor is shown, so that it lands in its own chunk and the first page load stays light.
 * Colours come from the page's theme tokens (CSS custom properties), so one theme serves light and dark.
 */

/** An editor the element drives: replace its text, mark an error line, focus it, tear it down. */
export interface EditorHandle {
  /** Replaces the whole text (a reload from disk), unless it already holds exactly that. */
  setContent(content: string): void;
  /** Marks a compile error at `line`/`column` (1-based), or clears the mark with null. */
  markError(error: { line: number; column: number; message: string } | null): void;
  focus(): void;
  destroy(): void;
}

/** What `createEditor` needs: where to mount, the text, its accessible name, and what to call back. */
export interface EditorOptions {
  parent: HTMLElement;
  root: ShadowRoot;
  content: string;
  label: string;
  onChange: (content: string) => void;
  onSave: () => void;
}

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.operatorKeyword, tags.definitionKeyword], color: 'var(--hl-keyword)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--hl-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--hl-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--hl-comment)', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.className], color: 'var(--hl-title)' },
  { tag: [tags.propertyName, tags.attributeName], color: 'var(--hl-attr)' },
  { tag: [tags.typeName, tags.standard(tags.variableName), tags.self], color: 'var(--hl-builtin)' },
  { tag: [tags.meta, tags.annotation], color: 'var(--hl-meta)' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--code-bg)', fontSize: '0.86rem' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace", lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--surface)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--selected) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--selected) !important',
  },
  '.cm-selectionMatch': { backgroundColor: 'color-mix(in srgb, var(--selected) 60%, transparent)' },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--surface-2)', outline: '1px solid var(--control-border)' },
  '.cm-panels': { backgroundColor: 'var(--surface)', color: 'var(--text)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-panel input, .cm-panel button, .cm-panel label': { font: 'inherit', fontSize: '0.85rem', color: 'var(--text)' },
  '.cm-panel input[type=text], .cm-textfield': { backgroundColor: 'var(--bg)', border: '1px solid var(--control-border)' },
  '.cm-button': { backgroundImage: 'none', backgroundColor: 'var(--surface-2)', border: '1px solid var(--control-border)' },
  '.cm-searchMatch': { backgroundColor: 'var(--client-error-bg)', outline: '1px solid var(--client-error)' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--selected)' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--on-accent)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--server-error)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--server-error)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--surface-2)', color: 'var(--muted)', border: '1px solid var(--border)' },
  // The diff's changed lines, in the page's success/error colours.
  '.cm-changedLine': { backgroundColor: 'color-mix(in srgb, var(--success-bg) 75%, transparent)' },
  '.cm-changedText': { background: 'color-mix(in srgb, var(--success) 30%, transparent)' },
  '.cm-deletedChunk': { backgroundColor: 'color-mix(in srgb, var(--server-error-bg) 75%, transparent)' },
  '.cm-deletedChunk .cm-deletedText': { background: 'color-mix(in srgb, var(--server-error) 30%, transparent)' },
  '.cm-changedLineGutter': { background: 'var(--success)' },
  '.cm-deletedLineGutter': { background: 'var(--server-error)' },
  // Not every system font has the "⦚" CodeMirror frames this bar with.
  '.cm-collapsedLines': { color: 'var(--muted)', background: 'var(--surface-2)', fontSize: '0.8rem', '&:before, &:after': { content: '"⋯"' } },
});

/** What every editor here has: TypeScript, line numbers, search (Mod-f), folding, the theme. */
function common(label: string): Extension[] {
  return [
    basicSetup,
    javascript({ typescript: true }),
    syntaxHighlighting(highlight),
    theme,
    // The exercise box is narrow: wrap long lines rather than hide them behind a horizontal scroll.
    EditorView.lineWrapping,
    // tabindex: the content is focusable anyway (contenteditable); saying so lets checkers such as
    // axe see that the scrolling editor can be reached from the keyboard.
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
  ];
}

/**
 * An editable editor. Mod-S saves (and stops the browser's save dialog); Tab indents, and Escape
 * then Tab moves focus on, so the keyboard is never trapped.
 */
export function createEditor(options: EditorOptions): EditorHandle {
  const view = new EditorView({
    parent: options.parent,
    root: options.root,
    state: EditorState.create({
      doc: options.content,
      extensions: [
        keymap.of([
          {
            key: 'Mod-s',
            preventDefault: true,
            run: () => {
              options.onSave();
              return true;
            },
          },
          indentWithTab,
        ]),
        common(options.label),
        lintGutter(),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setContent(content) {
      if (view.state.doc.toString() === content) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: content } });
    },
    markError(error) {
      if (!error) {
        view.dispatch(setDiagnostics(view.state, []));
        return;
      }
      const line = view.state.doc.line(Math.min(Math.max(error.line, 1), view.state.doc.lines));
      // From the column to the end of the line; the whole line when the column is past its text.
      const from = Math.min(line.from + Math.max(error.column - 1, 0), line.to);
      const start = from < line.to ? from : line.from;
      view.dispatch(setDiagnostics(view.state, [{ from: start, to: line.to, severity: 'error', message: error.message, source: 'esbuild' }]));
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

/**
 * Two versions of a file as one read-only diff: `b` is shown, with the lines `a` has instead
 * marked as deleted (red) and `b`'s own as inserted (green). One column reads well in the
 * lesson's narrow exercise box, where two side-by-side panes would not.
 */
export function createDiff(options: { parent: HTMLElement; root: ShadowRoot; a: string; b: string; label: string }): { destroy(): void } {
  const view = new EditorView({
    parent: options.parent,
    root: options.root,
    state: EditorState.create({
      doc: options.b,
      extensions: [
        common(options.label),
        EditorState.readOnly.of(true),
        unifiedMergeView({ original: options.a, mergeControls: false, collapseUnchanged: { margin: 3, minSize: 6 } }),
      ],
    }),
  });
  return { destroy: () => view.destroy() };
}
