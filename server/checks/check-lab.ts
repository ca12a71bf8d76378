import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLesson, LESSONS_DIR } from '../lab/lessons.ts';
import { startLab, type RunningLab } from '../lab/start-lab.ts';
import { triggerStripeEvent } from '../lab/triggers.ts';
import { DEFAULT_WORKSPACE, ensureLessonWorkspace } from '../lab/workspace.ts';
import type { TimelineRecord } from '../timeline/record.ts';
import { CheckFailure } from './check-failure.ts';

export const TARGETS = ['workspace', 'solution', 'starter'] as const;
export type Target = (typeof TARGETS)[number];

/** The code a check run is aimed at: `HOOKLAB_TARGET`, the learner's workspace by default. */
export function targetFromEnv(): Target {
  const target = process.env.HOOKLAB_TARGET ?? 'workspace';
  if (!TARGETS.includes(target as Target)) {
    throw new Error(`HOOKLAB_TARGET=${target} is not a target; use one of ${TARGETS.join(', ')}.`);
  }
  return target as Target;
}

/** The directory holding the target's copy of a lesson's files. */
export function targetDir(lessonId: string, target: Target): string {
  return target === 'workspace' ? ensureLessonWorkspace(DEFAULT_WORKSPACE, LESSONS_DIR, lessonId) : join(LESSONS_DIR, lessonId, target);
}

export interface CheckLab {
  lab: RunningLab;
  target: Target;
  /** Fires a Stripe trigger and resolves with the delivery of that event type to "your app". */
  triggerAndDeliver: (eventType: string) => Promise<TimelineRecord>;
  /** Sends a request straight to "your app". */
  request: (path: string, init?: RequestInit) => Promise<Response>;
  /** Passes when `pass` holds; otherwise fails with what was expected, what happened and the hint. */
  expect: (checkId: string, pass: boolean, details: { expected: string; happened: string }) => void;
  close: () => Promise<void>;
}

/**
 * A private lab for one lesson's checks: every party on free ports, "your app" serving the target
 * directory, nothing shared with a running `npm run dev`, and nothing written to the workspace.
 */
export async function startCheckLab(lessonId: string): Promise<CheckLab> {
  const target = targetFromEnv();
  const lesson = readLesson(LESSONS_DIR, lessonId);
  const state = mkdtempSync(join(tmpdir(), 'hooklab-check-'));
  const lab = await startLab({
    workspaceDir: state,
    lessonId,
    appDir: targetDir(lessonId, target),
    ports: { lab: 0, stripe: 0, deepgram: 0, app: 0 },
  });
  return {
    lab,
    target,
    async triggerAndDeliver(eventType) {
      const { runId } = await triggerStripeEvent(lab.urls.stripe, eventType);
      return lab.timeline.waitFor((r) => r.runId === runId && r.kind === 'webhook' && r.request.body.includes(`"type": "${eventType}"`));
    },
    request: (path, init) => fetch(`${lab.urls.app}${path}`, init),
    expect(checkId, pass, { expected, happened }) {
      if (!pass) throw new CheckFailure(checkId, expected, happened, lesson.hints[checkId]);
    },
    async close() {
      await lab.close();
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/** How a delivery went, in one line for a check's "Happened:". */
export function describeDelivery(record: TimelineRecord): string {
  if (record.status === null) return `no response (${record.error ?? 'unknown error'})`;
  const body = record.response?.body ? `, body ${record.response.body.slice(0, 200)}` : ', empty body';
  return `status ${record.status}${body}`;
}
