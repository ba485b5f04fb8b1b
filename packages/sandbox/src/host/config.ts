import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { parseFaultSettings } from './faults';
import type { FaultSettings } from './types';

/** The sandbox configuration, as read from `sandbox.yaml` or given by a test. */
export interface SandboxConfig {
  /** Port per endpoint name (`admin`, `forgejo`, `argocd-alpha`, ...); 0 picks a free port. */
  ports: Record<string, number>;
  /** Stand-ins to start; all registered ones when absent. */
  services?: string[];
  /** Faults applied from the start, by `service` or `service/instance`. */
  faults: Record<string, FaultSettings>;
  /** Per stand-in settings, under the stand-in's name. */
  services_config: Record<string, Record<string, unknown>>;
}

/** A config error that names where the bad value is. */
export class SandboxConfigError extends Error {
  constructor(file: string, key: string, message: string) {
    super(`${file}: ${key}: ${message}`);
    this.name = 'SandboxConfigError';
  }
}

const TOP_LEVEL_KEYS = ['ports', 'services', 'faults'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a parsed config object. `file` is used in error messages only. */
export function parseSandboxConfig(
  input: unknown,
  file: string,
  knownServices: string[],
): SandboxConfig {
  // An empty YAML file parses to null: treat it as an empty mapping.
  const raw = input ?? {};
  if (!isObject(raw))
    throw new SandboxConfigError(file, '(root)', 'must be a mapping');
  const ports: Record<string, number> = {};
  if (raw.ports !== undefined) {
    if (!isObject(raw.ports))
      throw new SandboxConfigError(
        file,
        'ports',
        'must be a mapping of name: port',
      );
    for (const [name, port] of Object.entries(raw.ports)) {
      if (
        typeof port !== 'number' ||
        !Number.isInteger(port) ||
        port < 0 ||
        port > 65535
      ) {
        throw new SandboxConfigError(
          file,
          `ports.${name}`,
          `must be a port number from 0 to 65535, got ${JSON.stringify(port)}`,
        );
      }
      ports[name] = port;
    }
  }
  let services: string[] | undefined;
  if (raw.services !== undefined) {
    if (
      !Array.isArray(raw.services) ||
      raw.services.some(s => typeof s !== 'string')
    ) {
      throw new SandboxConfigError(
        file,
        'services',
        'must be a list of stand-in names',
      );
    }
    for (const s of raw.services as string[]) {
      if (!knownServices.includes(s)) {
        throw new SandboxConfigError(
          file,
          'services',
          `unknown stand-in "${s}"; known: ${knownServices.join(', ')}`,
        );
      }
    }
    services = raw.services as string[];
  }
  const faults: Record<string, FaultSettings> = {};
  if (raw.faults !== undefined) {
    if (!isObject(raw.faults))
      throw new SandboxConfigError(
        file,
        'faults',
        'must be a mapping of service: settings',
      );
    for (const [key, value] of Object.entries(raw.faults)) {
      try {
        faults[key] = parseFaultSettings(value, `faults.${key}`);
      } catch (e) {
        throw new SandboxConfigError(
          file,
          `faults.${key}`,
          (e as Error).message,
        );
      }
    }
  }
  const servicesConfig: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (TOP_LEVEL_KEYS.includes(key)) continue;
    if (!knownServices.includes(key)) {
      throw new SandboxConfigError(
        file,
        key,
        `is neither a setting (${TOP_LEVEL_KEYS.join(
          ', ',
        )}) nor a stand-in (${knownServices.join(', ')})`,
      );
    }
    if (!isObject(value))
      throw new SandboxConfigError(file, key, 'must be a mapping');
    servicesConfig[key] = value;
  }
  return { ports, services, faults, services_config: servicesConfig };
}

/** Reads and validates a YAML config file; YAML syntax errors name the file and line. */
export function loadSandboxConfig(
  file: string,
  knownServices: string[],
): SandboxConfig {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    throw new SandboxConfigError(
      abs,
      '(file)',
      `cannot be read: ${(e as Error).message}`,
    );
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err.linePos?.[0]?.line;
    throw new SandboxConfigError(
      abs,
      line ? `line ${line}` : '(yaml)',
      err.message.split('\n')[0],
    );
  }
  return parseSandboxConfig(doc.toJS(), abs, knownServices);
}
