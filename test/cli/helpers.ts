/** Hand-made results and a fake world for the CLI tests. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../core/findings.js';
import type { AnalyzeResult } from '../../analyzer/analyze.js';
import type { CliIo } from '../../analyzer/cli.js';
import type { AnalyzeOptions } from '../../analyzer/options.js';

/** The directory the findings below are relative to; holds real sources for code frames. */
export const DATA_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '__data__');

/** An email reaching PostHog raw, three steps from the model. */
export const emailToPosthog: Finding = {
  ruleId: 'piiguard/unapproved-flow',
  severity: 'error',
  message: 'email reaches posthog (event "Signed Up") raw; no allow entry approves it',
  category: 'email',
  form: 'raw',
  sink: 'posthog',
  event: 'Signed Up',
  location: { file: 'src/signup.ts', line: 8, column: 3 },
  trace: [
    { file: 'src/model.ts', line: 5, column: 3, note: 'email: Email' },
    { file: 'src/signup.ts', line: 7, column: 9, note: 'email = user.email' },
    { file: 'src/signup.ts', line: 8, column: 74, note: 'properties: { email }' },
  ],
  fingerprint: 'f0e1d2c3b4a59687',
  // the shorthand `email` in `properties: { email }`
  span: { line: 8, column: 76, endLine: 8, endColumn: 81 },
};

/** The heuristic: an untagged `ip` logged to the console. */
export const ipToConsole: Finding = {
  ruleId: 'piiguard/untagged-pii',
  severity: 'warning',
  message: '"ip" looks like ip-address (untagged) and reaches console raw',
  category: 'ip-address',
  form: 'raw',
  sink: 'console',
  event: null,
  location: { file: 'src/signup.ts', line: 9, column: 3 },
  trace: [{ file: 'src/signup.ts', line: 6, column: 36, note: 'ip: string' }],
  fingerprint: '0123456789abcdef',
  span: { line: 9, column: 33, endLine: 9, endColumn: 35 },
};

/** A credential in a Sentry context. */
export const tokenToSentry: Finding = {
  ruleId: 'piiguard/secret-flow',
  severity: 'error',
  message: 'credential reaches sentry raw; a credential may never reach a sink',
  category: 'credential',
  form: 'raw',
  sink: 'sentry',
  event: null,
  location: { file: 'src/billing.ts', line: 5, column: 3 },
  trace: [
    { file: 'src/model.ts', line: 7, column: 3, note: 'apiToken: Credential' },
    { file: 'src/billing.ts', line: 5, column: 34, note: 'token: user.apiToken' },
  ],
  fingerprint: '89abcdef01234567',
  span: { line: 5, column: 41, endLine: 5, endColumn: 54 },
};

export function makeResult(findings: Finding[], overrides: Partial<AnalyzeResult> = {}): AnalyzeResult {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return {
    tool: { name: 'piiguard', version: '0.1.0' },
    findings,
    summary: { files: 3, sinks: 3, flows: findings.length, errors, warnings: findings.length - errors },
    problems: [],
    root: DATA_ROOT,
    ...overrides,
  };
}

export interface FakeIo extends CliIo {
  out(): string;
  err(): string;
  /** Every write in order, to check what came before what across the two streams. */
  writes: Array<{ stream: 'stdout' | 'stderr'; text: string }>;
}

export function makeIo(overrides: Partial<CliIo> = {}): FakeIo {
  const writes: FakeIo['writes'] = [];
  const collect = (stream: 'stdout' | 'stderr') => (text: string) => writes.push({ stream, text });
  const joined = (stream: 'stdout' | 'stderr') =>
    writes
      .filter((write) => write.stream === stream)
      .map((write) => write.text)
      .join('');
  return {
    stdout: { write: collect('stdout') },
    stderr: { write: collect('stderr') },
    cwd: DATA_ROOT,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    ...overrides,
    out: () => joined('stdout'),
    err: () => joined('stderr'),
    writes,
  };
}

/** A stand-in for the engine that records what it was asked. */
export function fakeAnalyze(result: AnalyzeResult | (() => AnalyzeResult | Promise<AnalyzeResult>)) {
  const calls: AnalyzeOptions[] = [];
  const analyze = async (options: AnalyzeOptions): Promise<AnalyzeResult> => {
    calls.push(options);
    return typeof result === 'function' ? result() : result;
  };
  return { analyze, calls };
}

/** The built bin (`dist/analyzer/cli.js`). */
export const BUILT_CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/analyzer/cli.js');

/** Runs the built bin in `cwd` as a user's shell would, without colour or debug settings of ours. */
export function runBuiltCli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.PIIGUARD_DEBUG;
  const child = spawnSync(process.execPath, [BUILT_CLI, ...args], { cwd, env, encoding: 'utf8' });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/**
 * Runs the CLI in this process, with what the built bin sees when spawned by a shell without a
 * terminal (no colour, no progress line). Library declaration files parsed by one run are reused
 * by the next, so suites that run `check` many times stay fast; test/cli/built-cli.test.ts runs
 * the bin itself.
 */
export async function runCliInProcess(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const { runCli } = await import('../../analyzer/cli.js');
  const io = makeIo({ cwd, env: {} });
  const code = await runCli(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/**
 * Small projects written for a test file, under test-artifacts/ inside the repository (so that
 * `import type … from 'piiguard'` resolves to this package), removed after the file: call at the
 * top of the file; the returned function writes `files` (path → text) into a new directory.
 */
export function useScratchProjects(prefix: string): (name: string, files: Record<string, string>) => string {
  const scratch = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');
  let root: string;
  beforeAll(() => {
    mkdirSync(scratch, { recursive: true });
    root = mkdtempSync(path.join(scratch, `${prefix}-`));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return (name, files) => {
    const dir = path.join(root, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };
}
