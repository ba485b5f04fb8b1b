/** Command-line parsing with Go `flag` semantics, as Terraform uses: `-name=value`, `-name value`, bool flags. */
import { TfError } from '../diagnostics';

export type FlagKind = 'bool' | 'string' | 'multi';

export interface ParsedFlags {
  bools: Record<string, boolean>;
  strings: Record<string, string>;
  /** Repeatable flags in command-line order, e.g. -var and -var-file interleaved. */
  multi: Array<{ name: string; value: string }>;
  positional: string[];
}

/** Splits TF_CLI_ARGS text into words, honouring single and double quotes like a shell. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length)
        cur += text[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) words.push(cur);
      cur = '';
      has = false;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
    } else cur += c;
  }
  if (has || cur) words.push(cur);
  return words;
}

function usageError(
  message: string,
  command: string,
  product: string,
): TfError {
  return new TfError(
    'Failed to parse command-line flags',
    `${message}\nFor more help on using this command, run:\n  ${product} ${command} -help`,
  );
}

export function parseFlags(
  args: string[],
  spec: Record<string, FlagKind>,
  command: string,
  program: string,
): ParsedFlags {
  const out: ParsedFlags = {
    bools: {},
    strings: {},
    multi: [],
    positional: [],
  };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const kind = spec[name];
    if (!kind)
      throw usageError(
        `flag provided but not defined: -${name}`,
        command,
        program,
      );
    if (kind === 'bool') {
      const v = eq >= 0 ? body.slice(eq + 1) : 'true';
      if (!['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE'].includes(v)) {
        throw usageError(
          `invalid boolean value "${v}" for -${name}`,
          command,
          program,
        );
      }
      out.bools[name] = ['true', '1', 't', 'TRUE'].includes(v);
      continue;
    }
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else {
      if (i + 1 >= args.length)
        throw usageError(`flag needs an argument: -${name}`, command, program);
      value = args[++i];
    }
    if (kind === 'multi') out.multi.push({ name, value });
    else out.strings[name] = value;
  }
  out.positional = args.slice(i);
  return out;
}

/** Parses "10s", "1m", "0s" (Go durations) for -lock-timeout; milliseconds. */
export function parseTimeout(text: string | undefined): number {
  if (!text) return 0;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!m)
    throw new TfError(
      'Invalid lock timeout',
      `"${text}" is not a valid duration, e.g. 30s or 5m.`,
    );
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[
    (m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'
  ];
  return Number(m[1]) * unit;
}

/** Inserts TF_CLI_ARGS and TF_CLI_ARGS_<command> before the user's own arguments. */
export function withEnvArgs(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): string[] {
  const extra = [
    ...splitWords(env.TF_CLI_ARGS ?? ''),
    ...splitWords(env[`TF_CLI_ARGS_${command.replace(/[ -]/g, '_')}`] ?? ''),
  ];
  return [...extra, ...args];
}
