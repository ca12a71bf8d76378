/**
 * `npm run check [lesson] [--watch]`: runs a lesson's checks against the learner's workspace and
 * says, per check, what was expected, what happened and a hint. Without a lesson it checks the
 * lesson opened last (or every lesson with checks). `--json` prints one JSON line per check.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startVitest } from 'vitest/node';
import { watchDir } from '../server/app/watch-dir.ts';
import CheckReporter from '../server/checks/check-reporter.ts';
import { LESSONS_DIR, listLessonIds } from '../server/lab/lessons.ts';
import { DEFAULT_WORKSPACE, ensureLessonWorkspace, ProgressFile } from '../server/lab/workspace.ts';

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const wanted = args.find((a) => !a.startsWith('--'));
const withChecks = listLessonIds(LESSONS_DIR).filter((id) => existsSync(join(LESSONS_DIR, id, 'check.test.ts')));

function pick(): string[] {
  if (wanted) {
    const found = withChecks.filter((id) => id === wanted || id.startsWith(`${wanted}-`) || id.endsWith(`-${wanted}`));
    if (found.length === 1) return found;
    console.error(`No lesson with checks matches "${wanted}". Lessons with checks:\n${withChecks.map((id) => `  ${id}`).join('\n')}`);
    process.exit(2);
  }
  const last = new ProgressFile(DEFAULT_WORKSPACE).read().lastLesson;
  return last && withChecks.includes(last) ? [last] : withChecks;
}

process.env.HOOKLAB_TARGET ??= 'workspace';
const root = join(import.meta.dirname, '..');
const lessons = pick();
const files = lessons.map((id) => join('lessons', id, 'check.test.ts'));
const reporter = new CheckReporter({ json: args.includes('--json') });

/** A full pass against the learner's workspace marks the lesson complete. */
function recordCompleted(): void {
  if (process.env.HOOKLAB_TARGET !== 'workspace' || reporter.completedLessons.length === 0) return;
  new ProgressFile(DEFAULT_WORKSPACE).update((progress) => {
    progress.completed = [...new Set([...progress.completed, ...reporter.completedLessons])];
  });
}

const vitest = await startVitest('test', files, { root, config: join(root, 'vitest.checks.config.ts'), reporters: [reporter], watch });
recordCompleted();
if (!watch) {
  await vitest.close();
  process.exit(process.exitCode ?? 0);
}

// Vitest watches the checks' own imports; the learner's files are loaded by "your app", not
// imported, so a save there re-runs the checks from here.
let pending: NodeJS.Timeout | undefined;
for (const id of lessons) {
  watchDir(ensureLessonWorkspace(DEFAULT_WORKSPACE, LESSONS_DIR, id), () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      await vitest.rerunTestSpecifications(await vitest.globTestSpecifications(files));
      recordCompleted();
    }, 100);
  });
}
console.log(`\nWatching ${lessons.map((id) => `workspace/${id}/`).join(', ')}: save a file to re-run the checks (Ctrl-C to stop).`);
