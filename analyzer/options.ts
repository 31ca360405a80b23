import type { Finding } from '../core/index.js';
import type { AnalysisSession } from './session.js';

export interface AnalyzeOptions {
  /** Directory to start config and tsconfig discovery from; defaults to `process.cwd()`. */
  cwd?: string;
  /**
   * tsconfig path (`-p`), or several: each is analysed with its references, every project once.
   * Overrides the config's `project`.
   */
  project?: string | string[];
  /** Explicit config file (`--config`); otherwise discovered from `cwd` upward. */
  configFile?: string;
  /** Only report findings located in these files or directories (the CLI's `paths…`). */
  paths?: string[];
  /** Progress while working, for a progress line; never called with anything secret. */
  onProgress?: (event: { phase: string; done: number; total: number }) => void;
  /** Collect phase timings (`--timings`). */
  timings?: boolean;
  /** Also list what is tagged and which calls are sinks, with why (`piiguard sources`, `piiguard sinks`). */
  tagging?: boolean;
  /** "Today" for approval expiry, ISO date; defaults to the current UTC date. */
  today?: string;
  /**
   * Keep what the analysis learnt about each file in this directory between runs (`--cache`,
   * `--cache-location`): a file that did not change, nor what it depends on, is not analysed
   * again. The results are the same with and without it.
   */
  cacheLocation?: string;
  /**
   * Monorepo package summaries (`--summaries`): a run over one package writes
   * `piiguard-summary.json` beside its tsconfig (what its functions do with the data they
   * receive), and reads those of the packages its tsconfig references instead of analysing
   * their sources, when they match those sources. The findings are the same with and without.
   */
  summaries?: boolean;
  /** Reuse parsed files, programs and answers of earlier runs in this process (`--watch`). */
  session?: AnalysisSession;
}

export type { Finding };
