import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { compileHandler } from './compile-handler.ts';

const dir = mkdtempSync(join(tmpdir(), 'hooklab-compile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

test('a syntax error names the file in the learner\'s folder, its line and column, with lines of context', async () => {
  const entry = write('app.ts', ['const a = 1;', 'const b = 2;', 'export default (a + b;', 'const c = 3;', 'const d = 4;', ''].join('\n'));
  const result = await compileHandler(entry);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ file: 'app.ts', line: 3, column: 22, message: 'Expected ")" but found ";"' });
  expect(result.error.frame).toBe(
    ['  1 | const a = 1;', '  2 | const b = 2;', '> 3 | export default (a + b;', '    |                      ^', '  4 | const c = 3;', '  5 | const d = 4;'].join('\n'),
  );
});

test('an error in an imported file names that file', async () => {
  write('lib.ts', 'export const x = ;\n');
  const entry = write('imports.ts', "import { x } from './lib.ts';\nexport default () => x;\n");
  const result = await compileHandler(entry);
  expect(!result.ok && result.error).toMatchObject({ file: 'lib.ts', line: 1, column: 18 });
});

// Load errors and stack traces go through Node's source maps, which vitest replaces with its own:
// app-process.test.ts checks them in a real child process.
