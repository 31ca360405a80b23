/**
 * `piiguard sources` and `piiguard sinks`: what the engine sees, per file, with why — run on the
 * fixtures, with the real engine.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../analyzer/cli.js';
import { makeIo } from './helpers.js';

const repo = path.resolve(import.meta.dirname, '../..');
const fixture = (name: string) => path.join(repo, 'fixtures/analyzer', name);

describe('piiguard sources', () => {
  test('lists reads of a generated Prisma client tagged by a config entry (with the entry) and by /// @pii in schema.prisma', async () => {
    const io = makeIo({ cwd: fixture('sources-orm-prisma') });
    expect(await runCli(['sources'], io)).toBe(0);
    const out = io.out();
    expect(out.split('\n').slice(0, 4)).toEqual([
      'src/users.ts',
      '  11:24  found?.email                   email        config sources[0] (User.email)',
      '  12:23  found?.name                    person-name  @pii',
      '  14:32  first.email                    email        config sources[0] (User.email)',
    ]);
    expect(out).toContain('  38:55  i.email                        email        config sources[1] (Invitation.email)\n');
    expect(out).toContain('  41:21  invitations[0]?.inviter.email  email        config sources[0] (User.email)\n');
    // Untagged columns are not listed.
    expect(out).not.toContain('plan');
    expect(out.endsWith('\n12 sources in 1 file (10 config, 2 jsdoc) · heuristics: off\n')).toBe(true);
  });

  test('lists the brand and the heuristics in the project types, as json too', async () => {
    const io = makeIo({ cwd: fixture('sources-every-alias') });
    expect(await runCli(['sources', '--format', 'json'], io)).toBe(0);
    const parsed = JSON.parse(io.out()) as { tool: { name: string }; sources: Array<{ why: string; kind: string }> };
    expect(parsed.tool.name).toBe('piiguard');
    expect(parsed.sources.length).toBeGreaterThan(10);
    expect(new Set(parsed.sources.map((s) => s.why))).toContain('brand');
    expect(new Set(parsed.sources.map((s) => s.kind))).toEqual(new Set(['declaration']));
  });

  test('lists what JSDoc types tag in JavaScript: parameters, variables, fields, and the properties of a @typedef', async () => {
    const io = makeIo({ cwd: fixture('sources-jsdoc-types-in-js') });
    expect(await runCli(['sources'], io)).toBe(0);
    expect(io.out()).toBe(`src/app.js
  8:24   email    email        brand
  22:23  name     person-name  @pii
  31:27  first    person-name  @pii
  31:34  last     person-name  @pii
  44:9   mobile   phone        brand
  64:28  email    email        brand
  80:25  id       user-id      brand

src/model.js
  6:16   email    email        brand
  17:4   contact  email        brand
  18:4   mobile   phone        brand
  19:4   name     person-name  @pii
  38:3   owner    email        brand

12 sources in 2 files (8 brand, 4 jsdoc) · heuristics: warn
`);
  });

  test('says so when nothing is tagged and only the heuristics find personal data', async () => {
    const io = makeIo({ cwd: fixture('heuristics-untagged') });
    expect(await runCli(['sources'], io)).toBe(0);
    expect(io.out()).toMatch(/· heuristics: warn\nnothing is tagged: only the name heuristics find personal data \(warnings\)\./);
  });

  test('an unknown format is a usage error', async () => {
    const io = makeIo({ cwd: fixture('sources-orm-prisma') });
    expect(await runCli(['sources', '--format', 'sarif'], io)).toBe(2);
    expect(io.err()).toContain("unknown format 'sarif' (expected pretty or json)");
  });
});

describe('piiguard sinks', () => {
  test('lists config sinks with their entry, through a path alias, a barrel, a factory-made value and a method declared elsewhere', async () => {
    const io = makeIo({ cwd: fixture('sink-config-module-resolution') });
    expect(await runCli(['sinks'], io)).toBe(0);
    expect(io.out()).toBe(`src/screens/signup.ts
  13:3  track        acme      config sinks[0]
  14:3  trackDirect  acme      config sinks[0]
  15:8  ingest       tinybird  config sinks[1]
  16:3  events.send  events    config sinks[2]
  17:3  maybe.send   events    config sinks[2]
  18:3  track        acme      config sinks[0]

6 sink calls in 1 file (3 acme, 2 events, 1 tinybird)
`);
  });

  test('lists pack calls and inferred wrappers, as json too', async () => {
    const io = makeIo({ cwd: path.join(repo, 'fixtures/demo') });
    expect(await runCli(['sinks', '--format', 'json'], io)).toBe(0);
    const { sinks } = JSON.parse(io.out()) as { sinks: Array<{ file: string; callee: string; sink: string; why: string; entry?: string }> };
    expect(sinks).toContainEqual(
      expect.objectContaining({ file: 'src/services/password-reset.ts', callee: 'log.info', sink: 'logger', why: 'pack' }),
    );
    expect(sinks).toContainEqual(
      expect.objectContaining({ file: 'src/screens/support.ts', callee: 'reportError', sink: 'sentry', why: 'wrapper' }),
    );
  });
});
