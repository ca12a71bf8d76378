/**
 * A few lines of `source` around `line`:`column` (both 1-based), numbered, the line marked with `>`
 * and a caret under the column, as the page and the terminal show a compile or load error.
 */
export function codeFrame(source: string, line: number, column: number, context = 2): string {
  const lines = source.split(/\r?\n/);
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1];
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${text}`.trimEnd());
    if (n === line) out.push(`  ${' '.repeat(width)} | ${text.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ')}^`);
  }
  return out.join('\n');
}
