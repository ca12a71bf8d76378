/** The page's two colour themes. */
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'hooklab.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme the learner chose, or null if they never did (then the system's preference rules). */
export function savedTheme(storage: Pick<Storage, 'getItem'> | null = safeStorage()): Theme | null {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    return saved === 'light' || saved === 'dark' ? saved : null;
  } catch {
    return null;
  }
}

/** The theme the learner chose last, else what their system prefers. */
export function initialTheme(storage: Pick<Storage, 'getItem'> | null = safeStorage(), prefersDark = matchMedia(DARK_QUERY).matches): Theme {
  return savedTheme(storage) ?? (prefersDark ? 'dark' : 'light');
}

/** Calls `listener` when the system's preference changes; returns a function that stops it. */
export function onSystemThemeChange(listener: (theme: Theme) => void): () => void {
  const query = matchMedia(DARK_QUERY);
  const onChange = (e: MediaQueryListEvent) => listener(e.matches ? 'dark' : 'light');
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Applies `theme` to the document (colour tokens and native controls) and, if asked, remembers it. */
export function applyTheme(theme: Theme, persist = false): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // Storage can be off (private windows, policies); the choice then lasts for this page only.
    }
  }
}

function safeStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}
