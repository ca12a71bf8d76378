/**
 * `npm run bench [-- name…]`: runs `bench/<name>.ts` for each name given, or every benchmark.
 * Each prints a table for people and a JSON line for scripts.
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const available = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('.test.ts') && !file.startsWith('_'))
  .map((file) => file.slice(0, -3))
  .sort();
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}.`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : available) {
  console.log(`\n# bench: ${name}`);
  await import(pathToFileURL(`${import.meta.dirname}/${name}.ts`).href);
}
