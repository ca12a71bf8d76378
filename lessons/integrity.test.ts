import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { LESSONS_DIR, listLessonIds, readLesson } from '../server/lab/lessons.ts';

const ROOT = join(import.meta.dirname, '..');
const lessons = listLessonIds(LESSONS_DIR);
const exercises = lessons.filter((id) => existsSync(join(LESSONS_DIR, id, 'check.test.ts')));

/** Runs `npm run check <id>` against a target the way a learner would, capturing its output. */
function runChecks(id: string, target: 'solution' | 'starter'): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/check.ts', id], {
      cwd: ROOT,
      env: { ...process.env, HOOKLAB_TARGET: target, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('the course has lessons and every lesson file is valid', () => {
  expect(lessons.length).toBeGreaterThan(0);
  for (const id of lessons) expect(() => readLesson(LESSONS_DIR, id)).not.toThrow();
});

test.each(exercises)('%s: every check passes against solution/', async (id) => {
  const { code, output } = await runChecks(id, 'solution');
  expect(output).toContain('checks pass');
  expect(code, output).toBe(0);
});

test.each(exercises)('%s: at least one check fails against starter/', async (id) => {
  const { code, output } = await runChecks(id, 'starter');
  expect(output).toContain('Left to do');
  expect(code, output).toBe(1);
  // Every failure tells the learner what to do next.
  expect(output.match(/Hint: /g)?.length, output).toBe(output.match(/Expected: /g)?.length);
});
