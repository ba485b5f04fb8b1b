/**
 * Evaluation of a module's expressions: `var.x`, `local.x`, `path.module`,
 * `terraform.workspace`, `count.index`, `each.key`, and references to resources
 * (`local_file.f.id`, `random_pet.p[0].id`), with values supplied by the planner or applier.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TfError } from '../diagnostics';
import { type Expr, ExprSyntaxError, parseTemplateString } from '../hcl/expr';
import { collectTraversals } from '../hcl/traversals';
import { evaluate, EvalError, type Scope } from '../hcl/eval';
import { makeFunctions } from '../hcl/functions';
import {
  attributeRange,
  type Located,
  type ModuleConfig,
} from '../module/config';

/** Meta-arguments of a resource block: not passed to the resource type. */
export const META_ARGUMENTS = new Set([
  'count',
  'for_each',
  'depends_on',
  'lifecycle',
  'provider',
  'provisioner',
  'connection',
]);

export interface Repetition {
  count?: number;
  each?: { key: string; value: unknown };
}

export interface EvalTracking {
  /** Set when the expression read a sensitive variable. */
  sensitive: boolean;
}

/** Parses a hcl2json value (strings hold `${...}` expressions) into expressions, recursively. */
function forEachString(raw: unknown, fn: (s: string) => void) {
  if (typeof raw === 'string') fn(raw);
  else if (Array.isArray(raw)) raw.forEach(r => forEachString(r, fn));
  else if (raw && typeof raw === 'object')
    Object.values(raw).forEach(r => forEachString(r, fn));
}

const parsed = new Map<string, Expr>();
function parseCached(s: string): Expr {
  let e = parsed.get(s);
  if (!e) {
    e = parseTemplateString(s);
    parsed.set(s, e);
  }
  return e;
}

export class ModuleScope {
  private readonly localValues = new Map<
    string,
    { value: unknown; sensitive: boolean }
  >();
  private readonly evaluatingLocals = new Set<string>();
  private readonly functions: Scope['functions'];

  constructor(
    readonly config: ModuleConfig,
    private readonly vars: Record<string, unknown>,
    private readonly sensitiveVars: Set<string>,
    private readonly workspace: string,
    /** The value of a resource address (object, list or map), or undefined if unknown to the caller. */
    private readonly resourceValue: (resourceAddr: string) => unknown,
  ) {
    this.functions = makeFunctions(p => {
      const full = path.resolve(config.dir, p);
      if (path.relative(config.dir, full).startsWith('..')) {
        throw new EvalError(
          `Invalid function argument: file("${p}") is outside the module directory`,
        );
      }
      try {
        return fs.readFileSync(full, 'utf8');
      } catch {
        throw new EvalError(
          `Invalid function argument: no file exists at "${p}"`,
        );
      }
    });
  }

  /** Resource addresses (`type.name`) an expression refers to, through locals too. */
  dependencies(raw: unknown, seen = new Set<string>()): Set<string> {
    const deps = new Set<string>();
    forEachString(raw, s => {
      let e: Expr;
      try {
        e = parseCached(s);
      } catch {
        return;
      }
      for (const t of collectTraversals(e)) {
        if (t[0] === 'local' && t[1] && !seen.has(t[1])) {
          seen.add(t[1]);
          const local = this.config.locals.get(t[1]);
          if (local)
            this.dependencies(local.raw, seen).forEach(d => deps.add(d));
        } else if (
          t.length > 1 &&
          this.config.resources.has(`${t[0]}.${t[1]}`)
        ) {
          deps.add(`${t[0]}.${t[1]}`);
        }
      }
    });
    return deps;
  }

  private scope(rep: Repetition, tracking: EvalTracking): Scope {
    return {
      functions: this.functions,
      lookup: (root, attr) => {
        if (attr === undefined) return undefined;
        switch (root) {
          case 'var':
            if (!(attr in this.vars))
              throw new EvalError(
                `Reference to undeclared input variable: an input variable with the name "${attr}" has not been declared.`,
              );
            if (this.sensitiveVars.has(attr)) tracking.sensitive = true;
            return this.vars[attr];
          case 'local':
            return this.local(attr, tracking);
          case 'path':
            if (attr === 'module' || attr === 'root') return '.';
            if (attr === 'cwd') return this.config.dir;
            break;
          case 'terraform':
            if (attr === 'workspace') return this.workspace;
            break;
          case 'count':
            if (rep.count === undefined)
              throw new EvalError(
                'Reference to "count" in non-counted context: the "count" object can only be used in resource blocks that set "count".',
              );
            if (attr === 'index') return rep.count;
            break;
          case 'each':
            if (!rep.each)
              throw new EvalError(
                'Reference to "each" in context without for_each: the "each" object can only be used in blocks that set "for_each".',
              );
            if (attr === 'key') return rep.each.key;
            if (attr === 'value') return rep.each.value;
            break;
          case 'data':
          case 'module':
            throw new EvalError(
              `References to ${root} are not supported by the sandbox's terraform stand-in.`,
            );
          default: {
            const addr = `${root}.${attr}`;
            if (!this.config.resources.has(addr)) {
              throw new EvalError(
                `Reference to undeclared resource: a managed resource "${root}" "${attr}" has not been declared in the root module.`,
              );
            }
            return this.resourceValue(addr);
          }
        }
        throw new EvalError(
          `Invalid reference: "${root}.${attr}" is not a valid reference`,
        );
      },
    };
  }

  private local(name: string, tracking: EvalTracking): unknown {
    const cached = this.localValues.get(name);
    if (cached) {
      if (cached.sensitive) tracking.sensitive = true;
      return cached.value;
    }
    const local = this.config.locals.get(name);
    if (!local)
      throw new EvalError(
        `Reference to undeclared local value: a local value with the name "${name}" has not been declared.`,
      );
    if (this.evaluatingLocals.has(name))
      throw new EvalError(`Cycle: local.${name} refers to itself`);
    this.evaluatingLocals.add(name);
    try {
      const inner: EvalTracking = { sensitive: false };
      const value = this.evalRaw(local.raw, {}, inner);
      // Locals that depend on resources change as the apply progresses, so only constant ones are cached.
      if (this.dependencies(local.raw).size === 0)
        this.localValues.set(name, { value, sensitive: inner.sensitive });
      if (inner.sensitive) tracking.sensitive = true;
      return value;
    } finally {
      this.evaluatingLocals.delete(name);
    }
  }

  /** Evaluates a raw hcl2json value: strings as templates, lists and objects element by element. */
  evalRaw(raw: unknown, rep: Repetition, tracking: EvalTracking): unknown {
    if (typeof raw === 'string')
      return evaluate(parseCached(raw), this.scope(rep, tracking));
    if (Array.isArray(raw)) return raw.map(r => this.evalRaw(r, rep, tracking));
    if (raw && typeof raw === 'object') {
      return Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [
          k,
          this.evalRaw(v, rep, tracking),
        ]),
      );
    }
    return raw;
  }

  /** Evaluates one attribute of a block, turning failures into a diagnostic at its line. */
  evalAttribute(
    block: Located,
    attr: string,
    raw: unknown,
    rep: Repetition,
    tracking: EvalTracking,
    address?: string,
  ): unknown {
    try {
      return this.evalRaw(raw, rep, tracking);
    } catch (e) {
      if (e instanceof EvalError || e instanceof ExprSyntaxError) {
        const [summary, ...rest] = e.message.split(': ');
        const detail = rest.length ? rest.join(': ') : e.message;
        throw new TfError(
          e instanceof ExprSyntaxError ? 'Invalid expression' : summary,
          e instanceof ExprSyntaxError ? e.message : detail,
          attributeRange(block, this.config.sources, attr),
          address,
        );
      }
      throw e;
    }
  }
}
