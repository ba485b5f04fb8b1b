import type { RequestHandler } from 'express';
import type { FaultController, FaultSettings } from './types';

const HANG_LIMIT_MS = 10 * 60 * 1000;

/** Validates fault settings from config or the admin endpoint; `where` names the source in errors. */
export function parseFaultSettings(
  value: unknown,
  where: string,
): FaultSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where} must be an object such as { latencyMs: 50 }`);
  }
  const v = value as Record<string, unknown>;
  const known = ['latencyMs', 'errorRate', 'errorStatus', 'hang', 'garbage'];
  for (const key of Object.keys(v)) {
    if (!known.includes(key)) {
      throw new Error(
        `${where}.${key} is not a fault setting; use one of ${known.join(
          ', ',
        )}`,
      );
    }
  }
  const num = (key: string, min: number, max: number) => {
    if (v[key] === undefined) return undefined;
    const n = v[key];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) {
      throw new Error(`${where}.${key} must be a number from ${min} to ${max}`);
    }
    return n;
  };
  const bool = (key: string) => {
    if (v[key] === undefined) return undefined;
    if (typeof v[key] !== 'boolean')
      throw new Error(`${where}.${key} must be true or false`);
    return v[key] as boolean;
  };
  return {
    latencyMs: num('latencyMs', 0, 600_000),
    errorRate: num('errorRate', 0, 1),
    errorStatus: num('errorStatus', 400, 599),
    hang: bool('hang'),
    garbage: bool('garbage'),
  };
}

function compact(settings: FaultSettings): FaultSettings {
  return Object.fromEntries(
    Object.entries(settings).filter(([, v]) => v !== undefined),
  ) as FaultSettings;
}

/** Creates the fault registry shared by all stand-ins of one sandbox. */
export function createFaultController(
  initial: Record<string, FaultSettings> = {},
  random: () => number = Math.random,
): FaultController {
  const faults = new Map<string, FaultSettings>();
  for (const [key, settings] of Object.entries(initial))
    faults.set(key, compact(settings));
  // Requests that hang are released when their fault is cleared, so tests can stop cleanly.
  const hanging = new Set<() => void>();

  const effective = (key: string): FaultSettings => {
    const service = key.split('/')[0];
    return {
      ...(faults.get(service) ?? {}),
      ...(key !== service ? faults.get(key) ?? {} : {}),
    };
  };

  const controller: FaultController = {
    get: key => effective(key),
    set(key, settings) {
      faults.set(key, compact(settings));
      if (!settings.hang) for (const release of hanging) release();
    },
    clear(key) {
      if (key) faults.delete(key);
      else faults.clear();
      for (const release of hanging) release();
    },
    list: () => Object.fromEntries(faults),
    middleware(key): RequestHandler {
      return (req, res, next) => {
        const f = effective(key);
        if (f.hang) {
          // Hold the request open; it is answered with 503 once the fault is cleared.
          let timer: NodeJS.Timeout | undefined = undefined;
          const release = () => {
            hanging.delete(release);
            clearTimeout(timer);
            if (!res.headersSent)
              res.status(503).json({ message: 'sandbox: hang fault cleared' });
          };
          timer = setTimeout(release, HANG_LIMIT_MS);
          timer.unref?.();
          hanging.add(release);
          req.on('close', () => {
            hanging.delete(release);
            clearTimeout(timer);
          });
          return;
        }
        const proceed = () => {
          if (f.errorRate && random() < f.errorRate) {
            const status = f.errorStatus ?? 503;
            res
              .status(status)
              .json({ message: `sandbox: injected ${status} for ${key}` });
            return;
          }
          if (f.garbage) {
            res.status(200).type('application/json').send('{"this is not json');
            return;
          }
          next();
        };
        if (f.latencyMs) setTimeout(proceed, f.latencyMs);
        else proceed();
      };
    },
  };
  return controller;
}
