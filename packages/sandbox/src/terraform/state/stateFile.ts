/** The state file, format version 4, as Terraform writes it for the local backend. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TfError } from '../diagnostics';
import { instanceAddr, type InstanceAddr } from '../engine/types';
import type { Attributes } from '../providers/types';

export interface InstanceState {
  addr: InstanceAddr;
  provider: string;
  attributes: Attributes;
  sensitive: string[];
  dependencies: string[];
}

export interface OutputState {
  value: unknown;
  type: unknown;
  sensitive: boolean;
}

export interface State {
  serial: number;
  lineage: string;
  /** Instances by full address. */
  instances: Map<string, InstanceState>;
  outputs: Record<string, OutputState>;
}

export function emptyState(): State {
  return { serial: 0, lineage: '', instances: new Map(), outputs: {} };
}

export function readState(file: string): State {
  if (!fs.existsSync(file)) return emptyState();
  let raw: any;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TfError(
      'Failed to load state',
      `The state file ${file} is not valid JSON: ${(e as Error).message}`,
    );
  }
  if (raw.version !== 4) {
    throw new TfError(
      'Unsupported state file format',
      `The state file ${file} uses format version ${raw.version}; only version 4 is supported.`,
    );
  }
  const state: State = {
    serial: raw.serial ?? 0,
    lineage: raw.lineage ?? '',
    instances: new Map(),
    outputs: raw.outputs ?? {},
  };
  for (const r of raw.resources ?? []) {
    if (r.mode !== 'managed') continue;
    const provider =
      /\/([^/"]+)"\]$/.exec(r.provider ?? '')?.[1] ?? 'terraform';
    for (const inst of r.instances ?? []) {
      const addr = instanceAddr(r.type, r.name, inst.index_key ?? null);
      state.instances.set(addr.addr, {
        addr,
        provider,
        attributes: inst.attributes ?? {},
        sensitive: (inst.sensitive_attributes ?? [])
          .map((p: any) => (Array.isArray(p) ? p[0]?.value : p))
          .filter(Boolean),
        dependencies: inst.dependencies ?? [],
      });
    }
  }
  return state;
}

function toFileFormat(
  state: State,
  terraformVersion: string,
  providerSource: (p: string) => string,
) {
  const byResource = new Map<string, InstanceState[]>();
  for (const inst of [...state.instances.values()].sort((a, b) =>
    a.addr.addr.localeCompare(b.addr.addr),
  )) {
    const list = byResource.get(inst.addr.resource) ?? [];
    list.push(inst);
    byResource.set(inst.addr.resource, list);
  }
  const resources = [...byResource.values()].map(instances => {
    const first = instances[0];
    const resource: Record<string, unknown> = {
      mode: 'managed',
      type: first.addr.type,
      name: first.addr.name,
    };
    if (first.addr.key !== null)
      resource.each = typeof first.addr.key === 'number' ? 'list' : 'map';
    resource.provider = `provider["${providerSource(first.provider)}"]`;
    resource.instances = instances.map(i => ({
      ...(i.addr.key !== null ? { index_key: i.addr.key } : {}),
      schema_version: 0,
      attributes: i.attributes,
      sensitive_attributes: i.sensitive.map(name => [
        { type: 'get_attr', value: name },
      ]),
      ...(i.dependencies.length ? { dependencies: i.dependencies } : {}),
    }));
    return resource;
  });
  return {
    version: 4,
    terraform_version: terraformVersion,
    serial: state.serial,
    lineage: state.lineage,
    outputs: state.outputs,
    resources,
    check_results: null,
  };
}

/**
 * Writes state after each change, so an interrupted or killed run leaves what it did on disk.
 * The first write of a run keeps the previous file as `<file>.backup`, like Terraform.
 */
export class StateWriter {
  private lastWritten: string | undefined;
  private backedUp = false;

  constructor(
    private readonly file: string,
    private readonly terraformVersion: string,
    private readonly providerSource: (p: string) => string,
    /** Called with each written state, e.g. to send it to a remote backend. */
    private readonly onWrite?: (stateJson: string) => void,
  ) {}

  write(state: State) {
    if (!state.lineage) state.lineage = crypto.randomUUID();
    const body = (s: State) =>
      JSON.stringify(
        toFileFormat(s, this.terraformVersion, this.providerSource),
        null,
        2,
      );
    const withoutSerial = body({ ...state, serial: 0 });
    if (withoutSerial === this.lastWritten) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    if (!this.backedUp && fs.existsSync(this.file)) {
      fs.copyFileSync(this.file, `${this.file}.backup`);
    }
    this.backedUp = true;
    state.serial += 1;
    const tmp = `${this.file}.${process.pid}.tmp`;
    const text = `${body(state)}\n`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, this.file);
    this.lastWritten = withoutSerial;
    this.onWrite?.(text);
  }
}
