import fs from 'node:fs';
import type { RequestHandler } from 'express';
import { specPath } from '../../spec/specsDir';
import type { Links } from '../shapes/accounts';
import { notFound } from './errors';

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
}

let cached: Operation[] | undefined;

/** Every operation of Forgejo's swagger (paths below /api/v1), as matchers. */
function specOperations(): Operation[] {
  if (cached) return cached;
  const spec = JSON.parse(
    fs.readFileSync(specPath('forgejo-swagger-v1.json'), 'utf8'),
  );
  cached = Object.entries(spec.paths as Record<string, object>).flatMap(
    ([template, ops]) =>
      Object.keys(ops)
        .filter(m => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map(method => ({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(
            `^${template
              .split(/\{[^}]+\}/)
              .map(part => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
              .join('[^/]+')}/?$`,
          ),
        })),
  );
  return cached;
}

/** The spec's operation a request would reach on a real Forgejo, if any (`GET /repos/{owner}/{repo}/wiki/pages`). */
export function specOperationOf(method: string, path: string) {
  const candidates = specOperations().filter(
    o => o.method === method && o.pattern.test(path),
  );
  // The most literal template wins (`/repos/{o}/{r}/tags` over `/repos/{o}/{r}/{x}`).
  return candidates.sort(
    (a, b) =>
      b.template.replace(/\{[^}]+\}/g, '').length -
      a.template.replace(/\{[^}]+\}/g, '').length,
  )[0];
}

/**
 * The API's last handler. A request a real Forgejo would answer (its method and path are in the
 * swagger) but the stand-in does not gets 501 naming the endpoint, so a client sees an error and
 * not an empty "not found" that looks like data; anything else is Forgejo's own 404.
 */
export function notServed(links: Links): RequestHandler {
  return (req, res) => {
    const operation = specOperationOf(req.method, req.path);
    if (!operation) {
      notFound(res, links);
      return;
    }
    res.status(501).json({
      message: `sandbox: the Forgejo stand-in does not serve ${operation.method} /api/v1${operation.template}`,
      url: `${links.baseUrl()}/api/swagger`,
    });
  };
}
