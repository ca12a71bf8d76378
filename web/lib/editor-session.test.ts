import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { close, listen, portOf } from '../../server/http/listen.ts';
import { labErrorHandler } from '../../server/lab/http-error.ts';
import { LESSONS_DIR } from '../../server/lab/lessons.ts';
import { workspaceRouter } from '../../server/lab/routes/workspace.ts';
import { versionOf, WorkspaceFiles } from '../../server/lab/workspace-files.ts';
import { EditorSession } from './editor-session.ts';

const LESSON = '03-first-consumer';
const STARTER = readFileSync(join(LESSONS_DIR, LESSON, 'starter', 'app.ts'), 'utf8');
const SOLUTION = readFileSync(join(LESSONS_DIR, LESSON, 'solution', 'app.ts'), 'utf8');
let workspaceDir: string;
let server: Server;
let session: EditorSession;
const onDisk = () => readFileSync(join(workspaceDir, LESSON, 'app.ts'), 'utf8');

// The session talks to the real workspace API; the page's relative URLs go to this test's server.
beforeEach(async () => {
  workspaceDir = mkdtempSync(join(tmpdir(), 'hooklab-editor-'));
  const app = express()
    .use(express.json())
    .use('/api/workspace', workspaceRouter({ files: new WorkspaceFiles(workspaceDir, LESSONS_DIR), allowedOrigins: () => [] }))
    .use(labErrorHandler);
  server = await listen(app, { port: 0, host: '127.0.0.1', party: 'the lab API', envVar: 'HOOKLAB_LAB_PORT' });
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (path: string, init?: RequestInit) => realFetch(`http://127.0.0.1:${portOf(server)}${path}`, init));
  session = new EditorSession(LESSON, 'app.ts');
  await session.load();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await close(server);
  rmSync(workspaceDir, { recursive: true, force: true });
});

test('loads the file clean, turns dirty on an edit and clean again once saved', async () => {
  expect(session.content).toBe(STARTER);
  expect(session.dirty).toBe(false);
  session.edit(SOLUTION);
  expect(session.dirty).toBe(true);
  expect(await session.save()).toBe('saved');
  expect(session.dirty).toBe(false);
  expect(onDisk()).toBe(SOLUTION);
});

test('a save against a file changed in another editor ends in a conflict holding both versions, disk untouched', async () => {
  writeFileSync(join(workspaceDir, LESSON, 'app.ts'), '// from vim\n');
  session.edit('// from the page\n');
  expect(await session.save()).toBe('conflict');
  expect(session.conflict).toMatchObject({ mine: '// from the page\n', theirs: { content: '// from vim\n', version: versionOf('// from vim\n') } });
  expect(onDisk()).toBe('// from vim\n');
});

test('keeping mine after a conflict saves the buffer over the version now on disk', async () => {
  writeFileSync(join(workspaceDir, LESSON, 'app.ts'), '// from vim\n');
  session.edit('// from the page\n');
  await session.save();
  expect(await session.keepMine()).toBe('saved');
  expect(session.conflict).toBeNull();
  expect(onDisk()).toBe('// from the page\n');
});

test('taking theirs after a conflict replaces the buffer with the file on disk', async () => {
  writeFileSync(join(workspaceDir, LESSON, 'app.ts'), '// from vim\n');
  session.edit('// from the page\n');
  await session.save();
  await session.takeTheirs();
  expect(session).toMatchObject({ content: '// from vim\n', conflict: null, dirty: false });
});

test('a change made in another editor reloads a clean buffer and shows both versions on a dirty one', async () => {
  writeFileSync(join(workspaceDir, LESSON, 'app.ts'), '// v2\n');
  await session.onWorkspaceChange({ lessonId: LESSON, files: [{ file: 'app.ts', version: versionOf('// v2\n') }] });
  expect(session.content).toBe('// v2\n');

  session.edit('// my unsaved edit\n');
  writeFileSync(join(workspaceDir, LESSON, 'app.ts'), '// v3\n');
  await session.onWorkspaceChange({ lessonId: LESSON, files: [{ file: 'app.ts', version: versionOf('// v3\n') }] });
  expect(session).toMatchObject({ content: '// my unsaved edit\n', changedOnDisk: versionOf('// v3\n') });
  expect(session.conflict).toMatchObject({ mine: '// my unsaved edit\n', theirs: { content: '// v3\n', version: versionOf('// v3\n') } });
  expect(onDisk()).toBe('// v3\n');
});

test('a change on disk that matches the unsaved buffer is simply taken, with no conflict', async () => {
  session.edit('// same in both\n');
  writeFileSync(join(workspaceDir, LESSON, 'app.ts'), '// same in both\n');
  await session.onWorkspaceChange({ lessonId: LESSON, files: [{ file: 'app.ts', version: versionOf('// same in both\n') }] });
  expect(session).toMatchObject({ conflict: null, changedOnDisk: null, dirty: false });
});

test('reset puts the starter back and says where the previous file was kept', async () => {
  session.edit('work in progress');
  await session.save();
  const savedTo = await session.reset();
  expect(session.content).toBe(STARTER);
  expect(readFileSync(join(workspaceDir, savedTo!), 'utf8')).toBe('work in progress');
});

test('the solution comes back for a diff while the buffer and the file stay as they are', async () => {
  session.edit('mine');
  expect(await session.solution()).toBe(SOLUTION);
  expect(session.content).toBe('mine');
  expect(onDisk()).toBe(STARTER);
});

test('a refused request becomes the session error with the lab\'s message and hint', async () => {
  const other = new EditorSession(LESSON, 'lesson.md');
  await other.load();
  expect(other.error).toMatchObject({ status: 403, message: expect.stringContaining('not an editable file'), hint: expect.stringContaining('app.ts') });
});

test('comparing with disk when the file is still at the loaded version keeps the unsaved buffer, with no conflict', async () => {
  session.edit('// unsaved, disk untouched\n');
  await session.compareWithDisk();
  expect(session).toMatchObject({ content: '// unsaved, disk untouched\n', conflict: null, dirty: true });
});
