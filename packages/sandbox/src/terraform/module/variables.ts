/**
 * Input variables: values from defaults, TF_VAR_*, terraform.tfvars, *.auto.tfvars,
 * -var and -var-file (in Terraform's precedence order), converted to their declared
 * types and checked by their validation blocks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseHcl } from '../hcl/parseHcl';
import { type Diagnostic, TfError } from '../diagnostics';
import { parseTemplateString } from '../hcl/expr';
import { evaluate, EvalError } from '../hcl/eval';
import { makeFunctions } from '../hcl/functions';
import {
  convertValue,
  evaluateConstant,
  parseTypeSpec,
  parseVariableText,
  type TypeSpec,
} from '../hcl/types';
import {
  attributeRange,
  hclErrorToDiagnostics,
  type ModuleConfig,
} from './config';

/** A -var or -var-file argument, kept in command-line order. */
export type VarArg =
  | { kind: 'var'; text: string }
  | { kind: 'file'; path: string };

export interface ResolvedVariables {
  values: Record<string, unknown>;
  sensitive: Set<string>;
  warnings: Diagnostic[];
}

async function readVarFile(
  file: string,
  label: string,
): Promise<Record<string, unknown>> {
  if (!fs.existsSync(file)) {
    throw new TfError(
      'Failed to read variables file',
      `Given variables file ${label} does not exist.`,
    );
  }
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new TfError(
        'Failed to read variables file',
        `${label} is not valid JSON: ${(e as Error).message}`,
      );
    }
  }
  let doc: Record<string, unknown>;
  try {
    doc = await parseHcl(path.basename(file), text);
  } catch (e) {
    throw TfError.many(
      hclErrorToDiagnostics((e as Error).message, {
        [path.basename(file)]: text,
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(doc).map(([k, v]) => [k, evaluateConstant(v)]),
  );
}

export async function resolveVariables(
  config: ModuleConfig,
  env: NodeJS.ProcessEnv,
  args: VarArg[],
): Promise<ResolvedVariables> {
  const types = new Map<string, TypeSpec>();
  const diags: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  for (const [name, v] of config.variables) {
    try {
      types.set(name, parseTypeSpec(v.body.type));
    } catch (e) {
      diags.push({
        severity: 'error',
        summary: 'Invalid type specification',
        detail: (e as Error).message,
        range: attributeRange(v, config.sources, 'type'),
      });
      types.set(name, 'any');
    }
  }
  const raw: Record<string, { value: unknown; source: string }> = {};
  const set = (name: string, value: unknown, source: string) => {
    raw[name] = { value, source };
  };
  const fromText = (name: string, text: string, source: string) => {
    try {
      set(name, parseVariableText(text, types.get(name) ?? 'any'), source);
    } catch (e) {
      diags.push({
        severity: 'error',
        summary: 'Invalid value for input variable',
        detail: `${source} does not contain a valid value for variable "${name}": ${
          (e as Error).message
        }.`,
      });
    }
  };

  for (const [key, text] of Object.entries(env)) {
    if (!key.startsWith('TF_VAR_') || text === undefined) continue;
    const name = key.slice('TF_VAR_'.length);
    if (types.has(name))
      fromText(name, text, `The environment variable ${key}`);
  }
  const autoFiles = fs.existsSync(config.dir)
    ? fs
        .readdirSync(config.dir)
        .filter(f => /\.auto\.tfvars(\.json)?$/.test(f))
        .sort()
    : [];
  const implicit = [
    'terraform.tfvars',
    'terraform.tfvars.json',
    ...autoFiles,
  ].filter(f => fs.existsSync(path.join(config.dir, f)));
  const fileValues = async (file: string, label: string, strict: boolean) => {
    for (const [name, value] of Object.entries(
      await readVarFile(file, label),
    )) {
      if (!types.has(name)) {
        (strict ? diags : warnings).push({
          severity: strict ? 'error' : 'warning',
          summary: 'Value for undeclared variable',
          detail: `The variables file ${label} assigns a value to "${name}", but the root module does not declare a variable of that name.`,
        });
        continue;
      }
      set(name, value, `The variables file ${label}`);
    }
  };
  for (const f of implicit)
    await fileValues(path.join(config.dir, f), f, false);
  for (const a of args) {
    if (a.kind === 'file') {
      await fileValues(path.resolve(config.dir, a.path), a.path, false);
      continue;
    }
    const eq = a.text.indexOf('=');
    if (eq <= 0) {
      diags.push({
        severity: 'error',
        summary: 'Invalid -var option',
        detail: `The given -var option "${a.text}" is not correctly specified. It must be a variable name and value separated by an equals sign, like -var="key=value".`,
      });
      continue;
    }
    const name = a.text.slice(0, eq);
    if (!types.has(name)) {
      diags.push({
        severity: 'error',
        summary: 'Value for undeclared variable',
        detail: `A variable named "${name}" was assigned on the command line, but the root module does not declare a variable of that name. To use this value, add a "variable" block to the configuration.`,
      });
      continue;
    }
    fromText(name, a.text.slice(eq + 1), 'The -var option');
  }

  const values: Record<string, unknown> = {};
  const sensitive = new Set<string>();
  for (const [name, v] of config.variables) {
    const type = types.get(name)!;
    if (v.body.sensitive === true) sensitive.add(name);
    let value: unknown;
    let source = 'The default value';
    if (raw[name]) ({ value, source } = raw[name]);
    else if ('default' in v.body) value = evaluateConstant(v.body.default);
    else {
      diags.push({
        severity: 'error',
        summary: 'No value for required variable',
        detail: `The root module input variable "${name}" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable.`,
        range: v.range,
      });
      continue;
    }
    try {
      values[name] = convertValue(value, type);
    } catch (e) {
      diags.push({
        severity: 'error',
        summary: 'Invalid value for input variable',
        detail: `${source} is not valid for variable "${name}": ${
          (e as Error).message
        }.`,
        range: v.range,
      });
      continue;
    }
    diags.push(...validate(config, name, values[name]));
  }
  if (diags.length) throw TfError.many(diags);
  return { values, sensitive, warnings };
}

function validate(
  config: ModuleConfig,
  name: string,
  value: unknown,
): Diagnostic[] {
  const v = config.variables.get(name)!;
  const out: Diagnostic[] = [];
  const functions = makeFunctions(() => {
    throw new EvalError('file() is not available in validation');
  });
  for (const rule of (v.body.validation ?? []) as Array<
    Record<string, unknown>
  >) {
    const scope = {
      functions,
      lookup: (root: string, attr: string | undefined) =>
        root === 'var' && attr === name ? value : undefined,
    };
    const range = attributeRange(v, config.sources, 'condition');
    try {
      const ok = evaluate(parseTemplateString(String(rule.condition)), scope);
      if (ok !== true) {
        out.push({
          severity: 'error',
          summary: 'Invalid value for variable',
          detail: `${String(
            rule.error_message ?? 'The value is not valid.',
          )}\n\nThis was checked by the validation rule at ${range.filename}:${
            range.start.line
          },${range.start.column}.`,
          range,
        });
      }
    } catch (e) {
      out.push({
        severity: 'error',
        summary: 'Invalid validation condition',
        detail: (e as Error).message,
        range,
      });
    }
  }
  return out;
}
