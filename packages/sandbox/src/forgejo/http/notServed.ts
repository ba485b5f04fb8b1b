import type { RequestHandler } from 'express';
import { matchOperation } from '../../spec/operations';
import { specPath } from '../../spec/specsDir';
import type { Links } from '../shapes/accounts';
import { notFound } from './errors';

/**
 * The API's last handler. A request a real Forgejo would answer (its method and path are in the
 * swagger) but the stand-in does not gets 501 naming the endpoint, so a client sees an error and
 * not an empty "not found" that looks like data; anything else is Forgejo's own 404.
 */
export function notServed(links: Links): RequestHandler {
  const spec = specPath('forgejo-swagger-v1.json');
  return (req, res) => {
    const operation = matchOperation(spec, req.method, req.path);
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
