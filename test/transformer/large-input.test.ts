/**
 * Large valid code is rewritten (issue 17): the files of test/large-input.ts, each a flow of an
 * email through one large shape (a 3,000-operand sum, a 1,500-link chain, a 120,000-element
 * array, 550-deep parentheses, arrays and templates, a 1,500-deep ternary) into `console.log`, in
 * a project with `"transform": true` and onUnapproved "pseudonymize". Each call leaves
 * pseudonymized, through the bundler plugin's source rewrite and through the tsc transformer; the
 * two whose email sits in an array element fail the build at the call, as `console.log([e])`
 * does (the rewrite reaches values and properties, not array elements).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import piiguardTransformer from '../../transformer/index.js';
import { BuildSession } from '../../transformer/session.js';
import { applyPlanToSource } from '../../transformer/source.js';
import { largeInputFiles, largeInputTsconfig } from '../large-input.js';
import { parseTsconfig } from './builds.js';
import { fixtureEnv, FIXTURE_KEY, freshDir, read } from './helpers.js';

const config = { transform: true, onUnapproved: 'pseudonymize', pseudonymization: { key: FIXTURE_KEY, rotation: 'none' } };
/** The email is an array element: the build fails at the call. */
const inElement = new Set(['array.ts', 'arrays.ts']);
const rewritable = Object.keys(largeInputFiles).filter((name) => !inElement.has(name));
/** The rewritten call, as the rewritten source and the emitted JavaScript show it. */
const rewritten = (name: string): string => `console.log(__piiguard.pseudonymize(${largeInputFiles[name].call}, "email"));`;
const unreachable = (name: string, at: string, inside: string): string =>
  `src/${name}:${largeInputFiles[name].line}:3 piiguard: email at ${at} inside ${inside} reaches console and onUnapproved is "pseudonymize", ` +
  'but the rewrite cannot reach a value that is not written in this call; pass it as its own property or wrap it by hand (piiguard/transform)';
// The path the message names stops at 16 levels. (tsc's diagnostics say `piiguard: `, as the plan's errors do not.)
const inElementErrors = [
  unreachable('array.ts', '[]', 'xs'),
  unreachable('arrays.ts', Array(16).fill('[]').join('.'), `${'['.repeat(550)}e${']'.repeat(550)}`),
];

let dir: string;
beforeAll(() => {
  dir = freshDir('large-input');
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(largeInputTsconfig));
  writeFileSync(path.join(dir, 'piiguard.config.json'), JSON.stringify(config));
  for (const [name, { code }] of Object.entries(largeInputFiles)) writeFileSync(path.join(dir, 'src', name), code);
});

describe('large valid code is rewritten', () => {
  test('the bundler plugin: every file rewritten source to source, its call pseudonymized', () => {
    const session = new BuildSession({ tsconfig: path.join(dir, 'tsconfig.json'), env: fixtureEnv });
    const plans = new Map(
      Object.keys(largeInputFiles).map((name) => {
        const file = path.join(dir, 'src', name);
        const code = read(file);
        const plan = session.getFilePlan(file, code);
        return [name, { plan, output: plan && applyPlanToSource(code, plan, file)?.code }] as const;
      }),
    );
    expect(rewritable.filter((name) => !plans.get(name)!.output?.includes(rewritten(name)))).toEqual([]);
    const errors = [...inElement].flatMap((name) => {
      const { plan, output } = plans.get(name)!;
      expect(output, name).toBeUndefined();
      return plan!.errors.map((e) => `${e.file}:${e.line}:${e.column} piiguard: ${e.message}`);
    });
    expect(errors).toEqual(inElementErrors);
  }, 60_000);

  test('the tsc transformer: every file tsc can print is emitted with its call pseudonymized', () => {
    const parsed = parseTsconfig(dir);
    const program = ts.createProgram({
      rootNames: parsed.fileNames,
      options: { ...parsed.options, noEmit: false, outDir: path.join(dir, 'out') },
    });
    const transformer = piiguardTransformer(program, { env: fixtureEnv });
    /** Each file emitted alone, with or without the transformer: its JavaScript, or the emitter's own overflow. */
    const emit = (withTransformer: boolean) =>
      new Map(
        Object.keys(largeInputFiles).map((name) => {
          let text = '';
          try {
            const result = program.emit(
              program.getSourceFile(path.join(dir, 'src', name)),
              (file, data) => (file.endsWith('.js') ? (text = data) : undefined),
              undefined,
              false,
              { before: withTransformer ? [transformer] : [] },
            );
            const errors = result.diagnostics.map((d) => {
              const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start!);
              return `src/${name}:${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
            });
            return [name, errors.length > 0 ? errors : text] as const;
          } catch (error) {
            return [name, (error as Error).message] as const;
          }
        }),
      );
    const plain = emit(false);
    const transformed = emit(true);
    // TypeScript's emitter prints nested templates and ternaries recursively: 550 and 1,500 levels
    // overflow its stack with or without piiguard (tsc itself fails the same way on these files;
    // whether the ternary does depends on the stack the worker has left).
    const beyondEmitter = [...plain].filter(([, text]) => text === 'Maximum call stack size exceeded').map(([name]) => name);
    expect(beyondEmitter.filter((name) => name !== 'ternary.ts')).toEqual(['templates.ts']);
    for (const name of beyondEmitter) expect(transformed.get(name), name).toBe('Maximum call stack size exceeded');
    const printable = rewritable.filter((name) => !beyondEmitter.includes(name));
    expect(printable.filter((name) => !(transformed.get(name) as string).includes(rewritten(name)))).toEqual([]);
    expect([...inElement].flatMap((name) => transformed.get(name))).toEqual(inElementErrors);
  }, 60_000);
});
