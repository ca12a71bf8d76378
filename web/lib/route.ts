/** Where the page is: `#/lessons/<id>`, or nowhere yet (pick the last or first lesson). */
export interface Route {
  lessonId: string | null;
}

/** Reads a location hash ("#/lessons/03-first-consumer"); anything else is the empty route. */
export function parseRoute(hash: string): Route {
  const match = /^#\/lessons\/([^/?#]+)\/?$/.exec(hash);
  if (!match) return { lessonId: null };
  try {
    return { lessonId: decodeURIComponent(match[1]) };
  } catch {
    return { lessonId: null };
  }
}

/** The hash link to a lesson. */
export function lessonHref(id: string): string {
  return `#/lessons/${encodeURIComponent(id)}`;
}
