import type { Request, Response } from 'express';
import type { Links } from '../shapes/accounts';

/** Forgejo's defaults: DEFAULT_PAGING_NUM = 30 items, MAX_RESPONSE_ITEMS = 50. */
export const DEFAULT_LIMIT = 30;
export const MAX_LIMIT = 50;

export interface Page {
  page: number;
  limit: number;
  skip: number;
}

/** Reads `page` (1-based) and `limit` the way Forgejo does: bad or missing values fall back to defaults. */
export function readPage(req: Request, defaultLimit = DEFAULT_LIMIT): Page {
  const page = Math.max(
    1,
    Number.parseInt(String(req.query.page ?? '1'), 10) || 1,
  );
  let limit = Number.parseInt(String(req.query.limit ?? ''), 10);
  if (!Number.isFinite(limit) || limit <= 0) limit = defaultLimit;
  limit = Math.min(limit, MAX_LIMIT);
  return { page, limit, skip: (page - 1) * limit };
}

/**
 * Sets X-Total-Count and an RFC 8288 Link header (next, last, first, prev) built on the stand-in's
 * root URL and the request's own path and query, as Forgejo's SetLinkHeader does.
 */
export function setPageHeaders(
  req: Request,
  res: Response,
  links: Links,
  page: Page,
  total: number,
): void {
  res.setHeader('X-Total-Count', String(total));
  const lastPage = Math.max(1, Math.ceil(total / page.limit));
  const url = (n: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(req.query)) {
      for (const v of Array.isArray(value) ? value : [value])
        if (typeof v === 'string') query.append(key, v);
    }
    query.set('page', String(n));
    query.set('limit', String(page.limit));
    return `<${links.baseUrl()}${req.baseUrl}${req.path}?${query}>`;
  };
  const parts: string[] = [];
  if (page.page < lastPage)
    parts.push(
      `${url(page.page + 1)}; rel="next"`,
      `${url(lastPage)}; rel="last"`,
    );
  if (page.page > 1)
    parts.push(
      `${url(1)}; rel="first"`,
      `${url(Math.min(page.page - 1, lastPage))}; rel="prev"`,
    );
  if (parts.length > 0) res.setHeader('Link', parts.join(','));
  res.setHeader('Access-Control-Expose-Headers', 'X-Total-Count, Link');
}

/** One page of an in-memory list, with the headers set. */
export function paginate<T>(
  req: Request,
  res: Response,
  links: Links,
  items: T[],
  defaultLimit?: number,
): T[] {
  const page = readPage(req, defaultLimit);
  setPageHeaders(req, res, links, page, items.length);
  return items.slice(page.skip, page.skip + page.limit);
}
