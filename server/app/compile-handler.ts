import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Message, transform } from 'esbuild';
import { codeFrame } from './code-frame.ts';

/** Where a learner's file failed to compile, with the lines around it. */
export interface CompileError {
  /** Relative to the learner's folder (`app.ts`), so the page can open it. */
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
  const root = dirname(entry);
  const file = resolve(CACHE_DIR, `handler-${process.pid}-${++builds}.mjs`);
  try {
    const result = await build({
      entryPoints: [entry],
      // Source maps point from where the module is written back to the learner's files.
      outfile: file,
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
    return { ok: false, error: toCompileError(first, root), inputs };
  }
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(file, code);
  try {
    return { ok: true, module: (await import(pathToFileURL(file).href)) as Record<string, unknown>, inputs };
  } catch (err) {
    // The code compiled but failed while loading (a top-level throw): report it like a compile error.
    return { ok: false, error: toLoadError(err, inputs, root), inputs };
  } finally {
    await rm(file, { force: true });
  }
}

function errorAt(root: string, path: string, line: number, column: number, message: string): CompileError {
  let frame = '';
  try {
    frame = codeFrame(readFileSync(path, 'utf8'), line, column);
  } catch {
    // The file went away since; the message still says where.
  }
  return { file: relative(root, path), line, column, message, frame };
}

function toCompileError(message: Message, root: string): CompileError {
  const location = message.location;
  if (!location) return { file: '', line: 0, column: 0, message: message.text, frame: '' };
  return errorAt(root, resolve(location.file), location.line, location.column + 1, message.text);
}

/** A throw while the module loaded, located in the learner's file from its (source-mapped) stack. */
function toLoadError(err: unknown, inputs: string[], root: string): CompileError {
  const error = err instanceof Error ? err : new Error(String(err));
  const message = `Loading failed: ${error.message}`;
  for (const input of inputs) {
    const match = new RegExp(`${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`).exec(error.stack ?? '');
    if (match) return errorAt(root, input, Number(match[1]), Number(match[2]), message);
  }
  return { file: relative(root, inputs[0] ?? root), line: 0, column: 0, message, frame: '' };
}

/** Starts esbuild's service ahead of the first compile (a warm spare does this while it waits). */
export async function warmUpCompiler(): Promise<void> {
  await transform('export {}', { loader: 'ts' });
}
