/**
 * `configs.recommended` in every form users write (fixtures/eslint/presets/configs/): ESLint loads
 * each as a real config file, `.mjs` and `.ts` (through jiti, as ESLint 10 does), and reports the
 * same findings in src/app.ts; TypeScript type-checks the `.ts` forms against the built
 * dist/rules/entry.d.ts (`piiguard/eslint` resolves there through the package's self-reference)
 * with no diagnostic, and still reports a misuse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import plugin from '../../rules/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(root, 'fixtures/eslint/presets');
const configs = path.join(fixture, 'configs');
const forms = readdirSync(configs)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.replace(/\.mjs$/, ''));

/** What piiguard reports in src/app.ts, in every form. */
const PIIGUARD = [
  'piiguard/no-unapproved-pii-flow 11:34 email reaches posthog (event "Signed Up") raw; no allow entry approves it (piiguard/unapproved-flow)',
  "piiguard/no-weak-pii-hash 13:11 createHash() hashes email without a key: a dictionary of likely values reverses it. Use pseudonymize(value, 'email') from piiguard/runtime (a keyed HMAC) instead.",
  'piiguard/no-pii-brand-erasure 13:61 email: the PII brand is dropped by toLowerCase(); the value is still personal data, but its type (string) no longer says so. Keep the brand, or sanitize the value first.',
];
/** What typescript-eslint's recommendedTypeChecked adds there. */
const FLOATING_PROMISE =
  '@typescript-eslint/no-floating-promises 12:3 Promises must be awaited, end with a call to .catch, end with a call to .then with a rejection handler or be explicitly marked as ignored with the `void` operator.';

const compilerOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
};

function getDiagnostics(files: string[]): string[] {
  const program = ts.createProgram(files, compilerOptions);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(fixture, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start!).line + 1}` : '';
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]}`;
  });
}

describe('configs.recommended', () => {
  test('is one flat config object, not an array', () => {
    const recommended = plugin.configs.recommended;
    expect(Array.isArray(recommended)).toBe(false);
    expect(Object.keys(recommended)).toEqual(['name', 'files', 'languageOptions', 'plugins', 'rules']);
    expect(recommended.name).toBe('piiguard/recommended');
    expect(recommended.plugins).toEqual({ piiguard: plugin });
  });

  test('spreading it (the 0.1 form) gives [itself], once; object spreads and key listings do not see the iterator', () => {
    const recommended = plugin.configs.recommended;
    const spread = [...recommended];
    expect(spread).toHaveLength(1);
    expect(spread[0]).toBe(recommended);
    // ESLint copies configs by object spread and validates their string keys: a plain config each time.
    expect(Symbol.iterator in { ...recommended }).toBe(false);
    expect(Object.getOwnPropertySymbols(recommended).filter((s) => Object.getOwnPropertyDescriptor(recommended, s)!.enumerable)).toEqual(
      [],
    );
  });

  test('the .ts forms are the .mjs forms, word for word (one is type-checked, both are linted)', () => {
    expect(
      readdirSync(configs)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => f.replace(/\.ts$/, '')),
    ).toEqual(forms);
    for (const form of forms)
      expect(readFileSync(path.join(configs, `${form}.ts`), 'utf8'), form).toBe(readFileSync(path.join(configs, `${form}.mjs`), 'utf8'));
  });

  test.each(forms.flatMap((form) => [`${form}.mjs`, `${form}.ts`]))(
    'configs/%s: ESLint reports exactly piiguard’s findings (and typescript-eslint’s beside its preset)',
    async (file) => {
      const eslint = new ESLint({ cwd: fixture, overrideConfigFile: path.join('configs', file) });
      const [result] = await eslint.lintFiles(['src/app.ts']);
      const messages = result!.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`);
      const expected = file.includes('typescript-eslint') ? [PIIGUARD[0], FLOATING_PROMISE, PIIGUARD[1], PIIGUARD[2]] : PIIGUARD;
      expect(messages).toEqual(expected);
    },
  );

  test('every .ts form type-checks against the built dist/rules/index.d.ts with no diagnostic', () => {
    const files = forms.map((form) => path.join(configs, `${form}.ts`));
    const program = ts.createProgram(files, compilerOptions);
    // `piiguard/eslint` is the build, not the source.
    const loaded = program.getSourceFiles().map((f) => path.relative(root, f.fileName));
    expect(loaded).toContain('dist/rules/entry.d.ts');
    expect(loaded).toContain('dist/rules/index.d.ts');
    expect(loaded.filter((f) => f.startsWith('rules/') || f.startsWith('core/'))).toEqual([]);
    expect(getDiagnostics(files)).toEqual([]);
  });

  test('the types are ESLint’s: a misspelled severity next to the preset is a type error', () => {
    expect(getDiagnostics([path.join(fixture, 'type-errors/misspelled-severity.ts')])).toEqual([
      `type-errors/misspelled-severity.ts:8 TS2820: Type '"eror"' is not assignable to type 'RuleConfig<unknown[]> | undefined'. Did you mean '"error"'?`,
    ]);
  });
});
