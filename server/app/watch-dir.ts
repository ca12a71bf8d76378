import { type FSWatcher, readdirSync, watch } from 'node:fs';
import { join } from 'node:path';

/**
 * Calls `onChange` when anything in `dir` or its subfolders changes (dot folders and node_modules
 * aside). Each folder gets its own non-recursive watcher because Node 20's recursive watch on Linux
 * watches files one by one and goes deaf to a file once an editor saves it by rename (temp file +
 * rename, as the workspace API and many editors do). Returns a function that stops watching.
 */
export function watchDir(dir: string, onChange: () => void): () => void {
  const watchers = new Map<string, FSWatcher>();
  const add = (folder: string) => {
    if (watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, () => {
        scan(folder);
        onChange();
      });
    } catch {
      return; // the folder went away before we could watch it
    }
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(folder);
    });
    watchers.set(folder, watcher);
    scan(folder);
  };
  const scan = (folder: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') add(join(folder, entry.name));
    }
  };
  add(dir);
  return () => {
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}
