/** Forgejo's default `[api] MAX_RESPONSE_ITEMS`: larger limits are silently cut to it. @public */
export const FORGEJO_MAX_PAGE_SIZE = 50;

/**
 * A page request in Forgejo's terms.
 * @public
 */
export interface PageRequest {
  page?: number;
  limit?: number;
}

/**
 * One page of items with what the headers said about the whole list.
 * @public
 */
export interface PagedResult<T> {
  items: T[];
  page: number;
  limit: number;
  totalCount?: number;
  hasMore: boolean;
}

/**
 * Turns untrusted page/limit values (query strings, numbers) into Forgejo-safe ones: page ≥ 1,
 * 1 ≤ limit ≤ 50.
 * @public
 */
export function normalizePage(
  request: { page?: unknown; limit?: unknown },
  defaultLimit = 20,
): { page: number; limit: number } {
  const toInt = (v: unknown) => {
    const n = typeof v === 'string' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n)
      ? Math.floor(n)
      : undefined;
  };
  const page = Math.max(1, toInt(request.page) ?? 1);
  const limit = Math.min(
    FORGEJO_MAX_PAGE_SIZE,
    Math.max(1, toInt(request.limit) ?? defaultLimit),
  );
  return { page, limit };
}

/**
 * Reads `X-Total-Count`; undefined when absent or not a number.
 * @public
 */
export function readTotalCount(headers: Headers): number | undefined {
  const raw = headers.get('x-total-count');
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Builds a PagedResult; without a total count, a full page means there may be more.
 * @public
 */
export function toPagedResult<T>(
  items: T[],
  page: number,
  limit: number,
  totalCount: number | undefined,
): PagedResult<T> {
  const hasMore =
    totalCount !== undefined
      ? page * limit < totalCount
      : items.length >= limit;
  return { items, page, limit, totalCount, hasMore };
}
