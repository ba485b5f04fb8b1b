import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ManifestError, parseManifestText, type Manifest } from './manifests';

/**
 * A small subset of `helm template`, enough for the charts a stack keeps beside its Applications:
 * values (chart `values.yaml`, then `valueFiles`, `values`, `valuesObject`, `parameters`),
 * `{{ .Values.x }}`, `.Release.Name/Namespace/Service`, `.Chart.Name/Version/AppVersion`, the functions
 * quote, default, upper, lower, toYaml, indent, nindent, trunc, trimSuffix, and `if`/`else`/`end`.
 * Anything else (include, range, define...) fails with the file and the action, so a chart the
 * sandbox cannot render is reported instead of being rendered wrongly.
 */
export interface HelmSource {
  releaseName?: string;
  valueFiles?: string[];
  values?: string;
  valuesObject?: Record<string, unknown>;
  parameters?: Array<{ name: string; value: string }>;
}

type Values = Record<string, any>;

const isObject = (v: unknown): v is Values =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergeValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over ?? {})) {
    out[k] = isObject(v) && isObject(out[k]) ? mergeValues(out[k], v) : v;
  }
  return out;
}

function setPath(values: Values, dotted: string, value: unknown) {
  const parts = dotted.split('.');
  let cur = values;
  for (const p of parts.slice(0, -1)) {
    if (!isObject(cur[p])) cur[p] = {};
    cur = cur[p];
  }
  cur[parts[parts.length - 1]] = value;
}

/** Helm's values, in its order of precedence (later wins). `resolveFile` maps a valueFiles entry to a path. */
export function helmValues(
  chartDir: string,
  helm: HelmSource,
  resolveFile: (file: string) => string,
): Values {
  const read = (file: string) => {
    if (!fs.existsSync(file)) return {};
    return (YAML.parse(fs.readFileSync(file, 'utf8')) as Values) ?? {};
  };
  let values = read(path.join(chartDir, 'values.yaml'));
  for (const file of helm.valueFiles ?? []) {
    const full = resolveFile(file);
    if (!fs.existsSync(full))
      throw new ManifestError(`open ${file}: no such file or directory`);
    values = mergeValues(values, read(full));
  }
  if (helm.values) values = mergeValues(values, YAML.parse(helm.values) ?? {});
  if (helm.valuesObject) values = mergeValues(values, helm.valuesObject);
  for (const p of helm.parameters ?? []) setPath(values, p.name, p.value);
  return values;
}

interface Scope {
  Values: Values;
  Release: Values;
  Chart: Values;
}

function splitWords(text: string): string[] {
  return text.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
}

function lookup(scope: Scope, ref: string): unknown {
  let cur: any = scope;
  for (const part of ref.slice(1).split('.')) {
    if (cur === undefined || cur === null) return undefined;
    cur = cur[part];
  }
  return cur;
}

const empty = (v: unknown) =>
  v === undefined ||
  v === null ||
  v === '' ||
  v === false ||
  v === 0 ||
  (Array.isArray(v) && v.length === 0) ||
  (isObject(v) && Object.keys(v).length === 0);

const indent = (n: number, s: unknown) =>
  String(s ?? '')
    .split('\n')
    .map(line => `${' '.repeat(n)}${line}`)
    .join('\n');

const FUNCTIONS: Record<string, (...args: any[]) => unknown> = {
  quote: v => JSON.stringify(v === undefined || v === null ? '' : String(v)),
  default: (d, v) => (empty(v) ? d : v),
  upper: v => String(v ?? '').toUpperCase(),
  lower: v => String(v ?? '').toLowerCase(),
  toYaml: v => (v === undefined ? '' : YAML.stringify(v).trimEnd()),
  indent: (n, s) => indent(Number(n), s),
  nindent: (n, s) => `\n${indent(Number(n), s)}`,
  trunc: (n, s) => String(s ?? '').slice(0, Number(n)),
  trimSuffix: (suffix, s) =>
    String(s ?? '').endsWith(suffix)
      ? String(s).slice(0, -String(suffix).length)
      : String(s ?? ''),
};

function evaluate(expr: string, scope: Scope, where: string): unknown {
  const term = (word: string): unknown => {
    if (word.startsWith('"')) return JSON.parse(word);
    if (word.startsWith('.')) return lookup(scope, word);
    if (/^-?\d+$/.test(word)) return Number(word);
    if (word === 'true' || word === 'false') return word === 'true';
    throw new ManifestError(
      `${where}: the sandbox's Helm renderer does not understand "${word}" in {{ ${expr} }}`,
    );
  };
  let value: unknown = undefined;
  let first = true;
  for (const command of expr.split(/\|(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const words = splitWords(command.trim());
    if (words.length === 0) continue;
    const fn = FUNCTIONS[words[0]];
    if (fn) {
      const args = words.slice(1).map(term);
      value = fn(...(first ? args : [...args, value]));
    } else if (first && words.length === 1) {
      value = term(words[0]);
    } else {
      throw new ManifestError(
        `${where}: the sandbox's Helm renderer does not support "${words[0]}" in {{ ${expr} }}`,
      );
    }
    first = false;
  }
  return value;
}

type Token = { text: string } | { action: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const re = /\{\{(-?)\s*([\s\S]*?)\s*(-?)\}\}/g;
  let last = 0;
  let trimNext = false;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    let text = source.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (m[1] === '-') text = text.replace(/\s+$/, '');
    tokens.push({ text });
    if (!m[2].startsWith('/*')) tokens.push({ action: m[2] });
    trimNext = m[3] === '-';
    last = re.lastIndex;
  }
  let rest = source.slice(last);
  if (trimNext) rest = rest.replace(/^\s+/, '');
  tokens.push({ text: rest });
  return tokens;
}

/** Renders one template file's text. */
export function renderTemplate(
  source: string,
  scope: Scope,
  where: string,
): string {
  const tokens = tokenize(source);
  let i = 0;
  const block = (stopAt: string[]): { out: string; stop?: string } => {
    let out = '';
    while (i < tokens.length) {
      const t = tokens[i++];
      if ('text' in t) {
        out += t.text;
        continue;
      }
      const [keyword, ...rest] = t.action.split(/\s+/);
      if (stopAt.includes(keyword)) return { out, stop: keyword };
      if (keyword === 'if') {
        const condition = !empty(evaluate(rest.join(' '), scope, where));
        const then = block(['else', 'end']);
        let otherwise = '';
        if (then.stop === 'else') otherwise = block(['end']).out;
        out += condition ? then.out : otherwise;
        continue;
      }
      if (
        ['range', 'with', 'define', 'include', 'template', 'tpl'].includes(
          keyword,
        )
      ) {
        throw new ManifestError(
          `${where}: the sandbox's Helm renderer does not support "{{ ${t.action} }}"`,
        );
      }
      const value = evaluate(t.action, scope, where);
      if (value === undefined || value === null) continue;
      out += typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    return { out };
  };
  return block([]).out;
}

/** `helm template` of a chart folder: every manifest its templates produce. */
export function renderHelmChart(
  chartDir: string,
  options: {
    helm: HelmSource;
    releaseName: string;
    namespace: string;
    resolveValueFile: (file: string) => string;
  },
): Manifest[] {
  const chart =
    (YAML.parse(
      fs.readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8'),
    ) as Values) ?? {};
  const scope: Scope = {
    Values: helmValues(chartDir, options.helm, options.resolveValueFile),
    Release: {
      Name: options.helm.releaseName ?? options.releaseName,
      Namespace: options.namespace,
      Service: 'Helm',
    },
    Chart: {
      Name: chart.name,
      Version: chart.version,
      AppVersion: chart.appVersion,
    },
  };
  const templatesDir = path.join(chartDir, 'templates');
  if (!fs.existsSync(templatesDir)) return [];
  const out: Manifest[] = [];
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (
        /\.(ya?ml|tpl)$/.test(entry.name) &&
        !entry.name.startsWith('_')
      ) {
        const rel = path.relative(chartDir, full);
        const where = `${chart.name ?? 'chart'}/${rel}`;
        const text = renderTemplate(
          fs.readFileSync(full, 'utf8'),
          scope,
          where,
        );
        out.push(...parseManifestText(text, where));
      }
    }
  };
  walk(templatesDir);
  return out;
}
