import type { AnalysisResult } from '../../core/index.js';

/** What a reporter may use besides the result. */
export interface ReporterContext {
  /** Colour the output (ANSI). Decided by the CLI from the stream and NO_COLOR / FORCE_COLOR. */
  color: boolean;
  /**
   * The text of a file named as in a finding (relative to `result.root`), or `undefined` when
   * it cannot be read; for code frames.
   */
  readFile(file: string): string | undefined;
  /**
   * Where finding paths are relative to (`result.root`), as a path from the repository root
   * with forward slashes: `''` when they are the same, `packages/app` when the config lives
   * there. Formats read by CI (sarif, github, markdown) prefix it, so their paths are relative
   * to the repository root, as code scanning and annotations expect, wherever piiguard ran.
   */
  baseDir?: string;
  /**
   * The config and tsconfigs the run used, as the user can open them (from the working
   * directory); `config` is absent when none was found. The pretty summary names them.
   */
  used?: { config?: string; tsconfigs: readonly string[] };
  /**
   * The baseline the run was judged with: `recorded` findings written by `--update-baseline`,
   * or `accepted` findings of an existing one left out of the report. The summary says so
   * rather than "no unapproved flows".
   */
  baseline?: { file: string; recorded?: number; accepted: number };
}

/**
 * A reporter turns a result into the text printed on stdout. It is a plain function: it never
 * writes, never exits and decides nothing about exit codes. It receives the findings to show
 * (with `--quiet`, warnings are already gone).
 */
export type Reporter = (result: AnalysisResult, ctx: ReporterContext) => string;
