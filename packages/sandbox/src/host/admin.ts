import express from 'express';
import { parseFaultSettings } from './faults';
import type { FaultController } from './types';

/**
 * The sandbox's own endpoint: readiness, the URL of every stand-in, and runtime fault injection.
 *   GET    /ready            200 { ready: true, endpoints } once every stand-in started, else 503
 *   GET    /faults           current faults
 *   PUT    /faults/:key      set faults for `service` or `service/instance` (key URL-encoded)
 *   DELETE /faults[/:key]    clear one or all
 */
export function createAdminApp(options: {
  faults: FaultController;
  isReady: () => boolean;
  endpoints: () => Record<string, Record<string, string>>;
}) {
  const app = express();
  app.use(express.json());
  app.get('/ready', (_req, res) => {
    if (!options.isReady()) {
      res.status(503).json({ ready: false });
      return;
    }
    res.json({ ready: true, endpoints: options.endpoints() });
  });
  app.get('/faults', (_req, res) => {
    res.json(options.faults.list());
  });
  app.put('/faults/:key', (req, res) => {
    try {
      const settings = parseFaultSettings(req.body, `faults.${req.params.key}`);
      options.faults.set(req.params.key, settings);
      res.json({
        key: req.params.key,
        faults: options.faults.get(req.params.key),
      });
    } catch (e) {
      res.status(400).json({ message: (e as Error).message });
    }
  });
  app.delete('/faults/:key', (req, res) => {
    options.faults.clear(req.params.key);
    res.status(204).end();
  });
  app.delete('/faults', (_req, res) => {
    options.faults.clear();
    res.status(204).end();
  });
  return app;
}
