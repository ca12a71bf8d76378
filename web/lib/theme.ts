/** The page's two colour themes. */
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'hooklab.theme';

/** The theme the learner chose last, else what their system prefers. */
export function initialTheme(storage: Pick<Storage, 'getItem'> = localStorage, prefersDark = matchMedia('(prefers-color-scheme: dark)').matches): Theme {
  const saved = storage.getItem(STORAGE_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return prefersDark ? 'dark' : 'light';
}

/** Applies `theme` to the document (colour tokens and native controls) and remembers it. */
export function applyTheme(theme: Theme, persist = false): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
  if (persist) localStorage.setItem(STORAGE_KEY, theme);
}
