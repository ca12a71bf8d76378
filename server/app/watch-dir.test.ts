import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { watchDir } from './watch-dir.ts';

let dir: string;
let stop = () => {};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hooklab-watch-'));
});
afterEach(() => {
  stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts watching; the returned function resolves on the next change, with what `read` saw then. */
function watchWith<T>(read: () => T): () => Promise<T> {
  let notify = () => {};
  stop = watchDir(dir, () => notify());
  return () => new Promise<T>((resolve) => (notify = () => resolve(read())));
}

test('sees every save made by rename, not only the first (Node 20 recursive watch misses the later ones)', async () => {
  mkdirSync(join(dir, '.tmp'));
  writeFileSync(join(dir, 'app.ts'), 'v0');
  const next = watchWith(() => readFileSync(join(dir, 'app.ts'), 'utf8'));
  const seen: string[] = [];
  for (const version of ['v1', 'v2', 'v3']) {
    const change = next();
    writeFileSync(join(dir, '.tmp', 'app.ts'), version);
    renameSync(join(dir, '.tmp', 'app.ts'), join(dir, 'app.ts'));
    seen.push(await change);
  }
  expect(seen).toEqual(['v1', 'v2', 'v3']);
});

test('sees a change inside a subfolder (a non-recursive watch of the folder alone would not)', async () => {
  mkdirSync(join(dir, 'lib'));
  const next = watchWith(() => readFileSync(join(dir, 'lib', 'verify.ts'), 'utf8'));
  const change = next();
  writeFileSync(join(dir, 'lib', 'verify.ts'), 'first');
  expect(await change).toBe('first');
});

test('sees changes in a subfolder created after it started', async () => {
  const next = watchWith(() => existsSync(join(dir, 'lib')));
  const created = next();
  mkdirSync(join(dir, 'lib'));
  expect(await created).toBe(true);
  const edited = next();
  writeFileSync(join(dir, 'lib', 'verify.ts'), 'later');
  expect(await edited).toBe(true);
});
