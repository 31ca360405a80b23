/**
 * The reporters of `piiguard check --format <name>`: plain functions in a name map (after knip's
 * `src/reporters/`). A new format is one entry in `reporters`; the CLI lists and validates
 * formats from this map alone.
 */
import type { AnalysisResult } from '../../core/index.js';
import { github } from './github.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';
import type { Reporter, ReporterContext } from './types.js';

export type { Reporter, ReporterContext } from './types.js';

export const reporters = { pretty, json, sarif, github, markdown } satisfies Record<string, Reporter>;

export type Format = keyof typeof reporters;

export function isFormat(name: string): name is Format {
  return Object.hasOwn(reporters, name);
}

/**
 * Other tools' names that `--format` takes for one of ours: ESLint's terminal formats
 * (`stylish`, the default, and `codeframe`) are what `pretty` is for. Only names that mean a
 * real format: a name for something piiguard does not print is an error.
 */
export const formatAliases = { stylish: 'pretty', codeframe: 'pretty' } as const satisfies Record<string, Format>;

/** The format a `--format` name stands for, by its own name or an alias. */
export function resolveFormat(name: string): Format | undefined {
  if (isFormat(name)) return name;
  return Object.hasOwn(formatAliases, name) ? formatAliases[name as keyof typeof formatAliases] : undefined;
}

export interface RenderOptions extends ReporterContext {
  /** Like ESLint's `--quiet`: report error-level findings only; warnings leave the output and the counts. */
  quiet: boolean;
}

/** Renders a result in one format. `--quiet` is applied here, once, so no reporter can forget it. */
export function renderReport(format: Format, result: AnalysisResult, options: RenderOptions): string {
  const { quiet, ...ctx } = options;
  return reporters[format](quiet ? withoutWarnings(result) : result, ctx);
}

function withoutWarnings(result: AnalysisResult): AnalysisResult {
  return {
    ...result,
    findings: result.findings.filter((finding) => finding.severity === 'error'),
    summary: { ...result.summary, warnings: 0 },
  };
}
