import { mkdir, rm, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Message } from 'esbuild';

/** Where a learner's file failed to compile, with the lines around it. */
export interface CompileError {
  file: string;
  line: number;
  column: number;
  message: string;
  /** A few source lines with a caret under the column. */
  frame: string;
}

/** A compiled handler module, or where it failed; `inputs` are the learner's files it was built from. */
export type CompileResult = ({ ok: true; module: Record<string, unknown> } | { ok: false; error: CompileError }) & { inputs: string[] };

/** Bundled modules are written here, inside the project, so that `express` and friends resolve. */
const CACHE_DIR = resolve(import.meta.dirname, '../../node_modules/.cache/hooklab');
let builds = 0;

/**
 * Compiles the learner's entry file (and whatever it imports from the workspace) with esbuild and
 * imports the result as a fresh module, so that a save swaps the code in without a restart.
 * Packages stay external: they are loaded once and shared by every version.
 */
export async function compileHandler(entry: string): Promise<CompileResult> {
  let code: string;
  let inputs: string[] = [entry];
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    code = result.outputFiles[0].text;
    inputs = Object.keys(result.metafile.inputs).map((input) => resolve(input));
  } catch (err) {
    const first = (err as { errors?: Message[] }).errors?.[0];
    if (!first) throw err;
    return { ok: false, error: toCompileError(first, entry), inputs };
  }
  await mkdir(CACHE_DIR, { recursive: true });
  const file = resolve(CACHE_DIR, `handler-${process.pid}-${++builds}.mjs`);
  await writeFile(file, code);
  try {
    return { ok: true, module: (await import(pathToFileURL(file).href)) as Record<string, unknown>, inputs };
  } catch (err) {
    // The code compiled but failed while loading (a top-level throw): report it like a compile error.
    return {
      ok: false,
      error: { file: relative(process.cwd(), entry), line: 0, column: 0, message: `Loading failed: ${(err as Error).message}`, frame: '' },
      inputs,
    };
  } finally {
    await rm(file, { force: true });
  }
}

function toCompileError(message: Message, entry: string): CompileError {
  const location = message.location;
  if (!location) return { file: relative(process.cwd(), entry), line: 0, column: 0, message: message.text, frame: '' };
  const gutter = `${location.line} | `;
  const frame = `${gutter}${location.lineText}\n${' '.repeat(gutter.length + location.column)}^`;
  return { file: location.file, line: location.line, column: location.column + 1, message: message.text, frame };
}
