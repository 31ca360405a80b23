/**
 * Builds the transformer fixtures through every build path and runs the output with a recording
 * stand-in for posthog-js. Build outputs live under test-artifacts/transformer/ (git-ignored).
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
export const fixtures = path.join(root, 'fixtures/transformer');
export const artifacts = path.join(root, 'test-artifacts/transformer');
export const recorder = path.join(import.meta.dirname, 'recorder-posthog.mjs');
export const runtimeEntry = path.join(root, 'dist/runtime/index.js');
export const FIXTURE_KEY = 'fixture-key-0123456789abcdef';
export const fixtureEnv = { PIIGUARD_FIXTURE_KEY: FIXTURE_KEY };

/** `piiguard` resolves from build outputs and consumer projects as it would from node_modules. */
export function ensureArtifacts(): void {
  mkdirSync(path.join(artifacts, 'node_modules'), { recursive: true });
  const link = path.join(artifacts, 'node_modules/piiguard');
  if (!existsSync(link)) symlinkSync(root, link, 'dir');
}

/** A fresh directory under test-artifacts/transformer/. */
export function freshDir(name: string): string {
  ensureArtifacts();
  const dir = path.join(artifacts, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Makes `dir` runnable: ES modules, with the recorder as `posthog-js`. */
export function prepareRunDir(dir: string): void {
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const sdk = path.join(dir, 'node_modules/posthog-js');
  mkdirSync(sdk, { recursive: true });
  cpSync(recorder, path.join(sdk, 'index.js'));
  writeFileSync(path.join(sdk, 'package.json'), JSON.stringify({ name: 'posthog-js', type: 'module', main: 'index.js' }));
}

export type Recorded = unknown[][];

/** Runs a built entry with Node and returns what the stand-in SDK received. */
export function runRecorded(entry: string): Recorded {
  const out = execFileSync(process.execPath, [entry], {
    cwd: path.dirname(entry),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(out) as Recorded;
}

/** HMAC-SHA-256 as SPEC §11 defines it, computed independently of piiguard/runtime. */
export function pseudonym(category: string, normalized: string, key = FIXTURE_KEY, epoch = 0): string {
  return createHmac('sha256', key).update(`${category}:${epoch}:${normalized}`).digest('hex');
}

export function read(file: string): string {
  return readFileSync(file, 'utf8');
}

/** What the tracking-plan-app must send, whatever built it. */
export function expectedTrackingPlanCalls(): Recorded {
  return [
    ['identify', pseudonym('user-id', 'u_42')],
    [
      'capture',
      'Signup Completed',
      { userId: pseudonym('user-id', 'u_42'), plan: 'pro', ip: '203.0.113.0', signedUpAt: Date.UTC(2026, 10, 5) },
    ],
    ['capture', 'Page Viewed', { path: '/welcome', email: pseudonym('email', 'ada@example.com') }],
    ['capture', 'Page Viewed', { path: '/settings', email: pseudonym('email', 'ada@example.com') }],
  ];
}

/** The personal values of the fixture's user, none of which may leave the app raw. */
export const RAW_VALUES = [
  'u_42',
  'Ada@Example.COM',
  'ada@example.com',
  '555',
  '010-9999',
  'Ada Lovelace',
  '203.0.113.77',
  'newsletter',
  String(Date.UTC(2026, 10, 5, 14, 33, 12)),
];
