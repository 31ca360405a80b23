/**
 * What the fixture harness does not look at: the severity of each rule (SPEC §7's table, written
 * out here rather than read from RULES, so a change to RULES must change this test too), expiry
 * against today's date, the facts each finding carries, and that the analysis never type-checks
 * the whole program.
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test, vi } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { loadProject } from '../../core/project.js';
import { analyzeProgram } from '../../core/analysis.js';
import { loadConfig } from '../../core/config/load.js';
import { BUILTIN_SINK_PACKS } from '../../core/sinks/index.js';
import { ConfigError } from '../../core/errors.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/analyzer');
const check = (name: string, today = '2026-11-22') => analyze({ project: path.join(fixtures, name, 'tsconfig.json'), today });

describe('default severities (SPEC §7)', () => {
  test.each([
    ['sources-every-alias', 'piiguard/unapproved-flow', 'error'],
    ['rules-expired-approval', 'piiguard/expired-approval', 'error'],
    ['sanitizers-crypto', 'piiguard/weak-hash', 'error'],
    ['rules-secret-flow', 'piiguard/secret-flow', 'error'],
    ['rules-quasi-identifiers', 'piiguard/quasi-identifiers', 'warning'],
    ['heuristics-untagged', 'piiguard/untagged-pii', 'warning'],
    ['rules-unknown-event', 'piiguard/unknown-event', 'error'],
    ['wrapper-event-name', 'piiguard/dynamic-event-name', 'warning'],
    ['rules-unused-approval', 'piiguard/unused-approval', 'warning'],
    ['rules-unplanned-property', 'piiguard/unplanned-property', 'warning'],
  ])('%s: %s, %s by default', async (fixture, ruleId, severity) => {
    const { findings } = await check(fixture);
    const ofRule = findings.filter((f) => f.ruleId === ruleId);
    expect(ofRule.length).toBeGreaterThan(0);
    expect(new Set(ofRule.map((f) => f.severity))).toEqual(new Set([severity]));
  });

  test('"heuristics": "error" makes untagged-pii an error', async () => {
    const { findings, summary } = await check('heuristics-error');
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['piiguard/untagged-pii', 'error']]);
    expect(summary.errors).toBe(1);
  });
});

describe('expiry compares with today', () => {
  // rules-expired-approval: the phone entry for "Legacy" expires 2020-01-01.
  const legacy = async (today?: string) =>
    (await analyze({ project: path.join(fixtures, 'rules-expired-approval', 'tsconfig.json'), today })).findings.filter(
      (f) => f.event === 'Legacy',
    );

  test('an entry approves through the whole day of its expiry date', async () => {
    expect(await legacy('2020-01-01')).toEqual([]);
  });

  test('from the next day, the flow is an expired-approval naming the entry', async () => {
    const [finding, ...rest] = await legacy('2020-01-02');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'piiguard/expired-approval', category: 'phone', form: 'pseudonymized', sink: 'amplitude' });
    expect(finding!.message).toContain('2020-01-01');
  });

  test('without a date, today is the current date', async () => {
    expect((await legacy()).map((f) => f.ruleId)).toEqual(['piiguard/expired-approval']);
  });
});

describe('what a finding carries', () => {
  test('category, form, sink, a constant event, the call, and the trace from the source through each wrapper', async () => {
    const { findings } = await check('wrapper-two-hops');
    expect(findings).toMatchObject([
      {
        ruleId: 'piiguard/unapproved-flow',
        category: 'email',
        form: 'raw',
        sink: 'posthog',
        event: 'Signed Up',
        location: { file: 'src/screens/signup.ts', line: 6, column: 3 },
        trace: [
          { file: 'src/model.ts', line: 5, note: 'email: Email' },
          { file: 'src/analytics/track.ts', line: 4, note: 'trackEvent → send' },
          { file: 'src/analytics/client.ts', line: 4, note: 'send → posthog.capture' },
        ],
      },
    ]);
    expect(findings[0]!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  test('the form after a sanitizer, and an event that is not a constant is null', async () => {
    const { findings } = await check('sanitizers-crypto');
    expect(findings.find((f) => f.ruleId === 'piiguard/weak-hash' && f.category === 'email')).toMatchObject({
      form: 'hashed',
      sink: 'segment',
      event: 'Hashed',
    });
    const dynamic = (await check('wrapper-event-name')).findings.find((f) => f.ruleId === 'piiguard/dynamic-event-name');
    expect(dynamic).toMatchObject({ event: null, sink: 'mixpanel', category: null });
  });
});

describe('demand-driven', () => {
  test('the engine never asks for the diagnostics of the whole program (no full type check)', async () => {
    const dir = path.resolve(fixtures, '../demo');
    const project = loadProject(ts, path.join(dir, 'tsconfig.json'));
    const asked: string[] = [];
    const program = project.program as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const name of [
      'getSemanticDiagnostics',
      'getGlobalDiagnostics',
      'getDeclarationDiagnostics',
      'getSuggestionDiagnostics',
      'emit',
    ]) {
      const original = program[name]!;
      program[name] = (...a) => {
        asked.push(name);
        return original.apply(project.program, a);
      };
    }
    const checker = project.program.getTypeChecker() as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const name of ['getDiagnostics', 'getGlobalDiagnostics']) {
      const original = checker[name];
      if (!original) continue;
      checker[name] = (...a) => {
        asked.push(`checker.${name}`);
        return original.apply(checker, a);
      };
    }
    const result = analyzeProgram({
      ts,
      program: project.program,
      config: await loadConfig({ cwd: dir }),
      packs: BUILTIN_SINK_PACKS,
      files: project.files,
      today: '2026-11-22',
      wholeProgram: true,
    });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(asked).toEqual([]);
  });
});

describe('analyze(): the programmatic entry', () => {
  test('returns results and never prints or exits, also on a bad config (it throws the ConfigError)', async () => {
    const writes: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (writes.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (writes.push(String(chunk)), true));
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('process.exit called');
    }) as never);
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    try {
      const result = await analyze({ project: path.resolve(fixtures, '../demo/tsconfig.json'), today: '2026-11-22' });
      expect(result.findings.length).toBeGreaterThan(0);
      const broken = path.resolve(fixtures, '../config/missing-reason/piiguard.config.json');
      await expect(analyze({ project: path.join(fixtures, 'taint-ends/tsconfig.json'), configFile: broken })).rejects.toBeInstanceOf(
        ConfigError,
      );
      expect(writes).toEqual([]);
      expect(exit).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
    } finally {
      for (const spy of [stdout, stderr, exit, log, error]) spy.mockRestore();
    }
  });

  test('configFile (--config) replaces the config found from the project', async () => {
    const project = path.join(fixtures, 'heuristics-untagged/tsconfig.json');
    expect((await analyze({ project })).findings.map((f) => f.ruleId)).toContain('piiguard/untagged-pii');
    expect((await analyze({ project, configFile: path.join(fixtures, 'heuristics-off/piiguard.config.json') })).findings).toEqual([]);
  });
});
