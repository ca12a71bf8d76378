import type { Request } from 'express';
import { invalidRequest } from './errors.ts';
import type { StripeList } from './types.ts';

const LIST_PARAMS = ['limit', 'starting_after', 'ending_before'];

/**
 * Stripe's cursor pagination over `items` (given oldest first, listed newest first): `limit`
 * (1–100, default 10), `starting_after` / `ending_before` an id from a previous page.
 * `filters` names the other query parameters the list accepts; any other is refused.
 */
export function paginate<T extends { id: string }>(req: Request, items: readonly T[], url: string, filters: readonly string[] = []): StripeList<T> {
  const query = req.query as Record<string, unknown>;
  for (const name of Object.keys(query)) {
    if (name === 'expand') continue;
    if (!LIST_PARAMS.includes(name) && !filters.includes(name)) throw invalidRequest(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
  }
  const rawLimit = query.limit ?? '10';
  const limit = typeof rawLimit === 'string' && /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= 100)) {
    throw invalidRequest(`Invalid limit: must be an integer from 1 to 100; got ${JSON.stringify(rawLimit)}.`, 'limit', 'parameter_invalid_integer');
  }
  const newestFirst = [...items].reverse();
  let start = 0;
  let end = newestFirst.length;
  for (const cursor of ['starting_after', 'ending_before'] as const) {
    const id = query[cursor];
    if (id === undefined) continue;
    const index = typeof id === 'string' ? newestFirst.findIndex((item) => item.id === id) : -1;
    if (index === -1) {
      throw invalidRequest(`Invalid ${cursor}: no object with id ${JSON.stringify(id)} in this list.`, cursor, 'resource_missing');
    }
    if (cursor === 'starting_after') start = index + 1;
    else end = index;
  }
  const window = newestFirst.slice(start, end);
  const data = query.ending_before !== undefined && query.starting_after === undefined ? window.slice(-limit) : window.slice(0, limit);
  return { object: 'list', data, has_more: window.length > data.length, url };
}
