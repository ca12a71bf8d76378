import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import hljs from 'highlight.js/lib/common';
import { Marked } from 'marked';
import { parse as parseYaml } from 'yaml';
import type { Lesson } from './lesson-types.ts';

const FOLDER = /^(\d{2})-[a-z0-9-]+$/;
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

const markdown = new Marked({
  renderer: {
    code({ text, lang }) {
      const language = lang && hljs.getLanguage(lang) ? lang : 'plaintext';
      const html = hljs.highlight(text, { language }).value;
      return `<pre><code class="hljs language-${language}">${html}</code></pre>\n`;
    },
  },
});

/** The course's lessons folder, beside `server/`. */
export const LESSONS_DIR = join(import.meta.dirname, '../../lessons');

/** Reads and validates one lesson folder; errors name the file and the field to fix. */
export function readLesson(lessonsDir: string, id: string): Omit<Lesson, 'completed'> {
  const match = FOLDER.exec(id);
  const file = join(lessonsDir, id, 'lesson.md');
  if (!match || !existsSync(file)) throw new Error(`No lesson "${id}": expected ${file}.`);
  const source = readFileSync(file, 'utf8');
  const front = FRONTMATTER.exec(source);
  if (!front) throw new Error(`${file} has no frontmatter: start it with a --- block holding title, summary and minutes.`);
  const meta = (parseYaml(front[1]) ?? {}) as Record<string, unknown>;
  for (const field of ['title', 'summary'] as const) {
    if (typeof meta[field] !== 'string') throw new Error(`${file}: frontmatter needs a "${field}" (text).`);
  }
  return {
    id,
    number: Number(match[1]),
    title: meta.title as string,
    summary: meta.summary as string,
    minutes: typeof meta.minutes === 'number' ? meta.minutes : 10,
    objectives: Array.isArray(meta.objectives) ? meta.objectives.map(String) : [],
    editable: Array.isArray(meta.editable) ? meta.editable.map(String) : [],
    webhookPath: typeof meta.webhookPath === 'string' ? meta.webhookPath : null,
    hints: (meta.hints ?? {}) as Record<string, string>,
    hasExercise: existsSync(join(lessonsDir, id, 'check.test.ts')),
    html: markdown.parse(source.slice(front[0].length), { async: false }),
  };
}

/** Every lesson folder (`NN-slug/lesson.md`), in course order. */
export function listLessonIds(lessonsDir: string): string[] {
  if (!existsSync(lessonsDir)) return [];
  return readdirSync(lessonsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && FOLDER.test(entry.name) && existsSync(join(lessonsDir, entry.name, 'lesson.md')))
    .map((entry) => entry.name)
    .sort();
}
