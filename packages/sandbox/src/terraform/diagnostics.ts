/** Terraform diagnostics: the error/warning objects every command reports. */
import fs from 'node:fs';
import path from 'node:path';

export interface SourcePos {
  line: number;
  column: number;
  byte: number;
}

export interface SourceRange {
  filename: string;
  start: SourcePos;
  end: SourcePos;
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  address?: string;
  range?: SourceRange;
}

/** Thrown to stop a command with one or more diagnostics (exit code 1). */
export class TfError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(
    summary: string,
    detail = '',
    range?: SourceRange,
    address?: string,
  ) {
    super(summary);
    this.diagnostics = [{ severity: 'error', summary, detail, range, address }];
  }

  static many(diagnostics: Diagnostic[]): TfError {
    const e = new TfError(diagnostics[0]?.summary ?? 'error');
    e.diagnostics.splice(0, 1, ...diagnostics);
    return e;
  }
}

/** A range covering one line of a file, from a 1-based line and column. */
export function lineRange(
  filename: string,
  source: string,
  line: number,
  column = 1,
  length = 1,
): SourceRange {
  const lines = source.split('\n');
  let byte = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++)
    byte += Buffer.byteLength(lines[i]) + 1;
  const startByte = byte + Math.max(0, column - 1);
  return {
    filename,
    start: { line, column, byte: startByte },
    end: { line, column: column + length, byte: startByte + length },
  };
}

export interface Snippet {
  context: string | null;
  code: string;
  start_line: number;
  highlight_start_offset: number;
  highlight_end_offset: number;
  values: unknown[];
}

const BLOCK_START =
  /^(resource|variable|output|locals|terraform|data|module|provider)\b[^{]*/;

/** Adds Terraform's `snippet` (the source line and its enclosing block) to a diagnostic with a range. */
export function withSnippet(
  d: Diagnostic,
  dir: string,
): Diagnostic & { snippet?: Snippet } {
  if (!d.range) return d;
  let lines: string[];
  try {
    lines = fs
      .readFileSync(path.join(dir, d.range.filename), 'utf8')
      .split('\n');
  } catch {
    return d;
  }
  const code = lines[d.range.start.line - 1];
  if (code === undefined) return d;
  let context: string | null = null;
  for (let i = d.range.start.line - 1; i >= 0; i--) {
    const m = BLOCK_START.exec(lines[i]);
    if (m) {
      context = m[0].trim();
      break;
    }
  }
  const start = Math.max(0, d.range.start.column - 1);
  const end =
    d.range.end.line === d.range.start.line
      ? Math.max(start, d.range.end.column - 1)
      : code.length;
  return {
    ...d,
    snippet: {
      context,
      code,
      start_line: d.range.start.line,
      highlight_start_offset: start,
      highlight_end_offset: end,
      values: [],
    },
  };
}
