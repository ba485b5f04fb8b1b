/**
 * Loads a root module: every *.tf file of a directory, parsed with @cdktf/hcl2json,
 * into variables, locals, resources and outputs, each remembering where it was declared
 * so diagnostics can point at file and line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseHcl } from '../hcl/parseHcl';
import {
  type Diagnostic,
  lineRange,
  type SourceRange,
  TfError,
} from '../diagnostics';

export interface Located {
  file: string;
  range: SourceRange;
}

export interface VariableBlock extends Located {
  name: string;
  body: Record<string, any>;
}

export interface ResourceBlock extends Located {
  type: string;
  name: string;
  addr: string;
  body: Record<string, any>;
}

export interface OutputBlock extends Located {
  name: string;
  body: Record<string, any>;
}

export interface LocalValue extends Located {
  name: string;
  raw: unknown;
}

export interface ModuleConfig {
  dir: string;
  /** File name → source text, kept so a saved plan can carry the configuration. */
  sources: Record<string, string>;
  variables: Map<string, VariableBlock>;
  locals: Map<string, LocalValue>;
  resources: Map<string, ResourceBlock>;
  outputs: Map<string, OutputBlock>;
  backend?: {
    type: string;
    config: Record<string, unknown>;
    range: SourceRange;
  };
}

const HCL_ERROR =
  /(\S+?):(\d+),(\d+)-(?:(\d+),)?(\d+): (.+?); (.*?)(?=,? ?\S+?:\d+,\d+-|$)/gs;

/** Turns hcl2json's error text ("parse config: [main.tf:3,5-6: Summary; Detail.]") into diagnostics. */
export function hclErrorToDiagnostics(
  message: string,
  sources: Record<string, string>,
): Diagnostic[] {
  const body = message.replace(/^.*?\[/s, '').replace(/\]\s*$/s, '');
  const out: Diagnostic[] = [];
  for (const m of body.matchAll(HCL_ERROR)) {
    const [, file, line, col, endLine, endCol, summary, detail] = m;
    const range = lineRange(
      file,
      sources[file] ?? '',
      Number(line),
      Number(col),
      1,
    );
    range.end = {
      ...range.end,
      line: Number(endLine ?? line),
      column: Number(endCol),
    };
    out.push({
      severity: 'error',
      summary: summary.trim(),
      detail: detail.trim().replace(/,$/, ''),
      range,
    });
  }
  return out.length
    ? out
    : [
        {
          severity: 'error',
          summary: 'Invalid configuration',
          detail: message,
        },
      ];
}

function findLine(source: string, pattern: RegExp, from = 0): number {
  const lines = source.split('\n');
  for (let i = from; i < lines.length; i++)
    if (pattern.test(lines[i])) return i + 1;
  return 0;
}

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The location of a block such as `resource "local_file" "x"`, for diagnostics. */
function blockRange(
  file: string,
  source: string,
  labels: string[],
): SourceRange {
  const re = new RegExp(
    `^\\s*${labels
      .map((l, i) => (i === 0 ? escapeRe(l) : `"${escapeRe(l)}"`))
      .join('\\s+')}\\s*(\\{|"|$)`,
  );
  const line = findLine(source, re) || 1;
  const text = source.split('\n')[line - 1] ?? '';
  const column = text.length - text.trimStart().length + 1;
  return lineRange(
    file,
    source,
    line,
    column,
    Math.max(1, text.trim().replace(/\s*\{.*$/, '').length),
  );
}

/** The location of `attr = ...` inside a block, falling back to the block itself. */
export function attributeRange(
  block: Located,
  sources: Record<string, string>,
  attr: string,
): SourceRange {
  const source = sources[block.file] ?? '';
  const line = findLine(
    source,
    new RegExp(`^\\s*${escapeRe(attr)}\\s*=`),
    block.range.start.line - 1,
  );
  if (!line) return block.range;
  const text = source.split('\n')[line - 1];
  const column = text.length - text.trimStart().length + 1;
  return lineRange(block.file, source, line, column, attr.length);
}

export async function loadModule(dir: string): Promise<ModuleConfig> {
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter(f => f.endsWith('.tf'))
        .sort()
    : [];
  const sources: Record<string, string> = {};
  for (const f of files)
    sources[f] = fs.readFileSync(path.join(dir, f), 'utf8');
  return loadModuleFromSources(dir, sources);
}

export async function loadModuleFromSources(
  dir: string,
  sources: Record<string, string>,
): Promise<ModuleConfig> {
  const config: ModuleConfig = {
    dir,
    sources,
    variables: new Map(),
    locals: new Map(),
    resources: new Map(),
    outputs: new Map(),
  };
  const diagnostics: Diagnostic[] = [];
  if (Object.keys(sources).length === 0) {
    throw new TfError(
      'No configuration files',
      `Plan requires configuration to be present. Planning without a configuration would mark everything for destruction, which is normally not what is desired. If you would like to destroy everything, run plan with the -destroy option. Otherwise, create a Terraform configuration file (.tf file) and try again.`,
    );
  }
  for (const [file, source] of Object.entries(sources)) {
    let doc: Record<string, any>;
    try {
      doc = await parseHcl(file, source);
    } catch (e) {
      diagnostics.push(...hclErrorToDiagnostics((e as Error).message, sources));
      continue;
    }
    addBlocks(config, file, source, doc, diagnostics);
  }
  if (diagnostics.some(d => d.severity === 'error'))
    throw TfError.many(diagnostics);
  return config;
}

function addBlocks(
  config: ModuleConfig,
  file: string,
  source: string,
  doc: Record<string, any>,
  diags: Diagnostic[],
) {
  const duplicate = (kind: string, name: string, range: SourceRange) =>
    diags.push({
      severity: 'error',
      summary: `Duplicate ${kind} declaration`,
      detail: `A ${kind} named "${name}" was already declared.`,
      range,
    });
  for (const [name, blocks] of Object.entries<any[]>(doc.variable ?? {})) {
    const range = blockRange(file, source, ['variable', name]);
    if (config.variables.has(name)) duplicate('variable', name, range);
    config.variables.set(name, { name, body: blocks[0] ?? {}, file, range });
  }
  for (const block of doc.locals ?? []) {
    for (const [name, raw] of Object.entries(block)) {
      const line =
        findLine(source, new RegExp(`^\\s*${escapeRe(name)}\\s*=`)) || 1;
      config.locals.set(name, {
        name,
        raw,
        file,
        range: lineRange(file, source, line, 1, name.length),
      });
    }
  }
  for (const [type, byName] of Object.entries<Record<string, any[]>>(
    doc.resource ?? {},
  )) {
    for (const [name, blocks] of Object.entries(byName)) {
      const addr = `${type}.${name}`;
      const range = blockRange(file, source, ['resource', type, name]);
      if (config.resources.has(addr)) duplicate('resource', addr, range);
      config.resources.set(addr, {
        type,
        name,
        addr,
        body: blocks[0] ?? {},
        file,
        range,
      });
    }
  }
  for (const [name, blocks] of Object.entries<any[]>(doc.output ?? {})) {
    config.outputs.set(name, {
      name,
      body: blocks[0] ?? {},
      file,
      range: blockRange(file, source, ['output', name]),
    });
  }
  for (const tf of doc.terraform ?? []) {
    for (const [type, blocks] of Object.entries<any[]>(tf.backend ?? {})) {
      config.backend = {
        type,
        config: blocks[0] ?? {},
        range: blockRange(file, source, ['backend', type]),
      };
    }
  }
  for (const kind of ['module', 'data', 'import', 'moved', 'check']) {
    if (!doc[kind]) continue;
    const first = Object.keys(doc[kind])[0] ?? '';
    diags.push({
      severity: 'error',
      summary: 'Unsupported block type',
      detail: `Blocks of type "${kind}" are not supported by the sandbox's terraform stand-in.`,
      range: blockRange(file, source, first ? [kind, first] : [kind]),
    });
  }
}
