/**
 * Bad input loses nothing: unreadable files are named and skipped, an internal error in one file
 * names the file while the rest is still analysed, nothing is written, and the same code gives
 * the same bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { loadProject } from '../../core/project.js';
import { analyzeProgram } from '../../core/analysis.js';
import { loadConfig } from '../../core/config/load.js';
import { BUILTIN_SINK_PACKS } from '../../core/sinks/index.js';
import type { SinkPack } from '../../core/sinks/types.js';
import { reporters } from '../../analyzer/reporters/index.js';
import { compareWithExpectations, readExpectations } from './expectations.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');

describe('bad input', () => {
  test('a file the tsconfig lists but that cannot be read is named and skipped; the rest is analysed', async () => {
    const dir = path.join(fixtures, 'robustness/unreadable-file');
    const result = await analyze({ project: path.join(dir, 'tsconfig.json'), today: '2026-11-22' });
    expect(result.problems).toEqual([{ kind: 'unreadable-file', file: 'src/deleted-since.ts', message: 'cannot read this file: ENOENT' }]);
    expect(compareWithExpectations(readExpectations(dir), result.findings)).toEqual([]);
  });

  test('an incremental, composite tsconfig is analysed without writing a .tsbuildinfo or any output', async () => {
    const dir = path.join(fixtures, 'robustness/incremental-tsconfig');
    const result = await analyze({ project: path.join(dir, 'tsconfig.json'), today: '2026-11-22' });
    expect(compareWithExpectations(readExpectations(dir), result.findings)).toEqual([]);
    expect(existsSync(path.join(dir, 'build'))).toBe(false);
  });

  test('an internal error while analysing one file names that file; the findings of the others remain', async () => {
    const dir = path.join(fixtures, 'demo');
    const project = loadProject(ts, path.join(dir, 'tsconfig.json'));
    const config = await loadConfig({ cwd: dir });
    // A pack whose filter throws when it is consulted: only for the `posthog.capture` call in track.ts.
    const faulty: SinkPack = {
      id: 'faulty',
      vendor: 'faulty',
      purpose: 'analytics',
      packages: ['posthog-js'],
      calls: [
        {
          name: 'capture',
          when: {
            get arg(): number {
              throw new Error('pack exploded');
            },
            oneOf: [],
          },
        },
      ],
    };
    const result = analyzeProgram({
      ts,
      program: project.program,
      config,
      packs: [faulty, ...BUILTIN_SINK_PACKS],
      files: project.files,
      today: '2026-11-22',
      wholeProgram: true,
    });
    expect(result.problems).toEqual([
      {
        kind: 'internal-error',
        file: path.join(dir, 'src/analytics/track.ts'),
        message: 'internal error while analysing this file: pack exploded',
      },
    ]);
    const located = result.findings.map((f) => `${f.location.file}:${f.location.line} ${f.ruleId}`);
    expect(located).toContain('src/screens/signup.ts:16 piiguard/unapproved-flow');
    expect(located).toContain('src/services/password-reset.ts:9 piiguard/secret-flow');
    expect(located).toContain('src/screens/support.ts:10 piiguard/unapproved-flow');
  });

  test('the same code checked twice gives the same bytes', async () => {
    const project = path.join(fixtures, 'demo/tsconfig.json');
    const render = async () =>
      reporters.json(await analyze({ project, today: '2026-11-22' }), {
        color: false,
        readFile: (f) => readFileSync(path.join(fixtures, 'demo', f), 'utf8'),
      });
    const first = await render();
    const second = await render();
    expect(second).toBe(first);
    expect(first).not.toContain(fixtures);
  });
});

describe('tsconfigs written for TypeScript 5, loaded by TypeScript 6', () => {
  test.each([
    ['analyzer/tsconfig-typescript5', { strict: false, types: ['*'] }],
    ['analyzer/tsconfig-extends-typescript5', { strict: false, types: ['node'] }],
  ])('%s: TS 5 defaults restored, deprecated options silenced, nothing emitted', (fixture, expected) => {
    const project = loadProject(ts, path.join(fixtures, fixture, 'tsconfig.json'));
    const options = project.program.getCompilerOptions();
    expect({ strict: options.strict, types: options.types }).toEqual(expected);
    expect(options.noUncheckedSideEffectImports).toBe(false);
    expect(options.noEmit).toBe(true);
    expect(options.incremental).toBe(false);
    expect(project.program.getOptionsDiagnostics().map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  test('a TypeScript 6 tsconfig keeps its own strictness; side-effect imports are never an error', () => {
    const project = loadProject(ts, path.join(fixtures, 'analyzer/tsconfig-side-effect-imports/tsconfig.json'));
    const options = project.program.getCompilerOptions();
    expect(options.strict).toBe(true);
    expect(options.noUncheckedSideEffectImports).toBe(false);
    expect(project.program.getOptionsDiagnostics()).toEqual([]);
  });
});

describe('fingerprints', () => {
  test('survive unrelated edits (lines added above, other code reformatted) and change with the flow', async () => {
    const { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } = await import('node:fs');
    const scratch = path.resolve(import.meta.dirname, '../../test-artifacts');
    mkdirSync(scratch, { recursive: true });
    const dir = mkdtempSync(path.join(scratch, 'fingerprints-'));
    try {
      cpSync(path.join(fixtures, 'analyzer/wrapper-two-hops'), dir, { recursive: true });
      const screen = path.join(dir, 'src/screens/signup.ts');
      const original = readFileSync(screen, 'utf8');
      const fingerprints = async () => {
        const result = await analyze({ project: path.join(dir, 'tsconfig.json'), today: '2026-11-22' });
        return result.findings.map((f) => [f.location.line, f.fingerprint] as const);
      };
      const before = await fingerprints();
      expect(before).toHaveLength(1);

      writeFileSync(
        screen,
        '// a comment\n\n\n' +
          original.replace(
            "trackEvent('Plan Chosen', { plan: user.plan });",
            "trackEvent(\n    'Plan Chosen',\n    { plan: user.plan },\n  );",
          ),
      );
      const moved = await fingerprints();
      expect(moved[0]![0]).toBe(before[0]![0] + 3);
      expect(moved[0]![1]).toBe(before[0]![1]);

      writeFileSync(screen, original.replace('email: user.email', 'email: user.phone'));
      const changed = await fingerprints();
      expect(changed[0]![1]).not.toBe(before[0]![1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
