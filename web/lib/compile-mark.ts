import type { AppReport } from './save-status.ts';

/** A compile error to mark in the editor (1-based line and column). */
export interface EditorMark {
  line: number;
  column: number;
  message: string;
}

/**
 * The compile error "your app" reports for `file` of `lessonId`, as a mark for the editor; null
 * when that file compiles (or the error is elsewhere, or has no line to point at).
 */
export function compileMark(app: AppReport, lessonId: string, file: string): EditorMark | null {
  if (!app || app.lesson !== lessonId || app.handler.status !== 'compile-error') return null;
  const { error } = app.handler;
  return error.file === file && error.line >= 1 ? { line: error.line, column: error.column, message: error.message } : null;
}
