/**
 * `piiguard init` on a copy of fixtures/cli/init-untagged-app (telemetry SDKs in package.json,
 * personal-looking values reaching PostHog and pino, no tags, no config): it writes a starter
 * config with `$schema`, lists the SDKs, the sink calls and what the heuristics suggest tagging,
 * the config it writes loads and `check` runs on it, and it never overwrites a config.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../../analyzer/cli.js';
import { analyze } from '../../analyzer/analyze.js';
import { findSchemaReference, getTaggingSuggestions } from '../../analyzer/init.js';
import { loadConfig } from '../../core/config/load.js';
import { makeIo } from './helpers.js';

const repo = path.resolve(import.meta.dirname, '../..');
const scratch = path.join(repo, 'test-artifacts');
let dir: string;

beforeEach(() => {
  mkdirSync(scratch, { recursive: true });
  dir = mkdtempSync(path.join(scratch, 'init-'));
  cpSync(path.join(repo, 'fixtures/cli/init-untagged-app'), dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const io = makeIo({ cwd: dir });
  const code = await runCli(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('piiguard init', () => {
  test('writes the starter config and says what it found', async () => {
    const { code, stdout, stderr } = await cli(['init']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, 'piiguard.config.json'), 'utf8')).toBe(`{
  "$schema": "./node_modules/piiguard/schema.json",
  "heuristics": "warn",
  "allow": []
}
`);
    expect(stdout).toBe(`Wrote piiguard.config.json

Telemetry SDKs in package.json:
  posthog           posthog-js
  google-analytics  @types/gtag.js
  sentry            @sentry/node
  logger            pino

Sink calls in 1 file:
  logger            1 call
  posthog           2 calls
Personal data reaches logger, posthog.

The heuristics found 3 untagged values that look personal and reach a sink, read here; tag each where its type or variable is declared:
  src/signup.ts:14:41  email → email (reaches posthog): type it Email (from 'piiguard') or add /** @pii email */
  src/signup.ts:16:17  ip → ip-address (reaches logger): type it IpAddress (from 'piiguard') or add /** @pii ip-address */
  src/signup.ts:16:27  firstName → person-name (reaches logger): type it PersonName (from 'piiguard') or add /** @pii person-name */
  Names that only look personal need nothing: tagging the real ones and setting "heuristics": "off" silences the rest.

Next: tag personal data, run \`npx piiguard check\`, and approve the flows you intend with "allow" entries (\`npx piiguard explain unapproved-flow\`).
`);
  });

  test('the config it writes loads without errors, and check runs on it', async () => {
    await cli(['init']);
    const loaded = await loadConfig({ cwd: dir });
    expect(loaded.file).toBe(path.join(dir, 'piiguard.config.json'));
    expect(loaded.config.heuristics).toBe('warn');
    expect(loaded.config.allow).toEqual([]);
    const check = await cli(['check', '--format', 'json']);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0); // warnings only
    expect(JSON.parse(check.stdout).findings.map((f: { ruleId: string; category: string }) => `${f.ruleId}:${f.category}`)).toEqual([
      'piiguard/untagged-pii:email',
      'piiguard/untagged-pii:ip-address',
      'piiguard/untagged-pii:person-name',
    ]);
  });

  test('-p records the project in the config', async () => {
    expect((await cli(['init', '-p', 'tsconfig.json'])).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'piiguard.config.json'), 'utf8'))).toEqual({
      $schema: './node_modules/piiguard/schema.json',
      project: 'tsconfig.json',
      heuristics: 'warn',
      allow: [],
    });
  });

  test.each([
    ['piiguard.config.json', '{ "allow": [] }', 'piiguard.config.json'],
    ['piiguard.config.ts', 'export default {};', 'piiguard.config.ts'],
    ['.piiguardrc.json', '{}', '.piiguardrc.json'],
  ])('never overwrites an existing config (%s): exit 2, a one-line message, the file untouched', async (file, text, named) => {
    writeFileSync(path.join(dir, file), text);
    const { code, stdout, stderr } = await cli(['init']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`piiguard init: ${named} already exists here; not overwriting it (edit it, or delete it to start over)\n`);
    expect(readFileSync(path.join(dir, file), 'utf8')).toBe(text);
    if (file !== 'piiguard.config.json') expect(existsSync(path.join(dir, 'piiguard.config.json'))).toBe(false);
  });

  test('a "piiguard" key in package.json is a config too', async () => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...manifest, piiguard: { allow: [] } }, null, 2));
    const { code, stderr } = await cli(['init']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'piiguard init: package.json ("piiguard" key) already exists here; not overwriting it (edit it, or delete it to start over)\n',
    );
    expect(existsSync(path.join(dir, 'piiguard.config.json'))).toBe(false);
  });

  test('a project that cannot be loaded leaves nothing written', async () => {
    const { code, stderr } = await cli(['init', '-p', 'nope/tsconfig.json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^piiguard: cannot find the tsconfig .*nope\/tsconfig\.json\n$/);
    expect(existsSync(path.join(dir, 'piiguard.config.json'))).toBe(false);
  });

  test('$schema points at the installed package, hoisted or not', () => {
    mkdirSync(path.join(dir, 'node_modules/piiguard'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/piiguard/schema.json'), '{}');
    mkdirSync(path.join(dir, 'packages/app'), { recursive: true });
    expect(findSchemaReference(dir)).toBe('./node_modules/piiguard/schema.json');
    expect(findSchemaReference(path.join(dir, 'packages/app'))).toBe('../../node_modules/piiguard/schema.json');
  });
});

describe('tagging suggestions', () => {
  test('a credential found by name (a secret-flow, not a warning) is suggested for tagging too', async () => {
    const fixture = path.join(repo, 'fixtures/analyzer/heuristics-names');
    const result = await analyze({ project: path.join(fixture, 'tsconfig.json') });
    const suggestions = getTaggingSuggestions(result.findings).map((s) => `${s.name} → ${s.category}`);
    expect(result.findings.find((f) => f.category === 'credential')?.ruleId).toBe('piiguard/secret-flow');
    expect(suggestions).toEqual([
      'phoneNumber → phone',
      'ssn → government-id',
      'street_address → postal-address',
      'dob → date-of-birth',
      'ip → ip-address',
      'lat → precise-location',
      'accessToken → credential',
      'last_name → person-name',
    ]);
  });
});
