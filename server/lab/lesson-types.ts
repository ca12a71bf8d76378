/** A lesson as the page sees it (shared by server and web). */
export interface LessonSummary {
  id: string;
  /** The lesson's number, from its folder name (`03-first-consumer` → 3). */
  number: number;
  title: string;
  summary: string;
  minutes: number;
  /** True once the lesson's checks have passed against the learner's workspace. */
  completed: boolean;
  hasExercise: boolean;
}

export interface Lesson extends LessonSummary {
  objectives: string[];
  /** Files in `workspace/<id>/` the learner may edit. */
  editable: string[];
  /** The path on "your app" that providers deliver to in this lesson. */
  webhookPath: string | null;
  /** Hints for the checks, by check id. */
  hints: Record<string, string>;
  /** The lesson text as HTML (rendered from `lesson.md`). */
  html: string;
}
