import type { Response } from 'express';
import type { Links } from '../shapes/accounts';

/** Forgejo's error bodies ({message, url} with the swagger URL; 404 adds `errors`). */
export function sendError(
  res: Response,
  links: Links,
  status: number,
  message: string,
): void {
  const url = `${links.baseUrl()}/api/swagger`;
  if (status === 404) res.status(404).json({ errors: [], message, url });
  else res.status(status).json({ message, url });
}

export const NOT_FOUND = "The target couldn't be found.";

export function notFound(res: Response, links: Links): void {
  sendError(res, links, 404, NOT_FOUND);
}
