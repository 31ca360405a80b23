/**
 * The rewrite itself: golden outputs of both front ends, files without sinks emitted byte for byte,
 * declaration files untouched, idempotence (the rewrite of its own output changes nothing), an
 * import name that cannot collide, and source maps that lead back into the rewritten calls.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TraceMap, originalPositionFor, type SourceMapInput } from '@jridgewell/trace-mapping';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import piiguardTransformer from '../../transformer/index.js';
import { BuildSession } from '../../transformer/session.js';
import { unplugin } from '../../transformer/unplugin.js';
import { applyPlanToSource } from '../../transformer/source.js';
import { buildWithEsbuild, buildWithTscApi, buildWithVite, parseTsconfig } from './builds.js';
import { expectedTrackingPlanCalls, fixtureEnv, fixtures, freshDir, prepareRunDir, read, runRecorded } from './helpers.js';

const app = path.join(fixtures, 'tracking-plan-app');
const signup = path.join(app, 'src/signup.ts');

function rewriteWithPlugin(fixture: string, file: string, config?: string): string | undefined {
  const session = new BuildSession({ tsconfig: path.join(fixture, 'tsconfig.json'), env: fixtureEnv, ...(config ? { config } : {}) });
  const code = read(file);
  const plan = session.getFilePlan(file, code);
  return plan && applyPlanToSource(code, plan, file)?.code;
}

/** A copy of a fixture under test-artifacts, with some files replaced. */
function copyFixture(fixture: string, name: string, replace: Record<string, string>): string {
  const dir = path.join(freshDir(name), 'app');
  mkdirSync(dir, { recursive: true });
  cpSync(fixture, dir, { recursive: true, filter: (f) => !f.includes(`${path.sep}expected`) });
  for (const [file, text] of Object.entries(replace)) writeFileSync(path.join(dir, file), text);
  return dir;
}

describe('golden outputs', () => {
  test('the plugin rewrites source to source', async () => {
    await expect(rewriteWithPlugin(app, signup)).toMatchFileSnapshot(path.join(app, 'expected/signup.plugin.ts.out'));
  });

  test('the transformer, as tsc emits it', async () => {
    const result = buildWithTscApi(app, path.join(freshDir('golden-tsc'), 'out'));
    await expect(result.files.get('signup.js')).toMatchFileSnapshot(path.join(app, 'expected/signup.tsc.js'));
  });

  test('a shorthand payload and a shorthand value (posthog-node): both become properties', async () => {
    const fixture = path.join(fixtures, 'server-sdk-payload');
    const file = path.join(fixture, 'src/signup.ts');
    await expect(rewriteWithPlugin(fixture, file)).toMatchFileSnapshot(path.join(fixture, 'expected/signup.plugin.ts.out'));
    const result = buildWithTscApi(fixture, path.join(freshDir('golden-server-sdk'), 'out'));
    expect(result.message).toBe('');
    await expect(result.files.get('signup.js')).toMatchFileSnapshot(path.join(fixture, 'expected/signup.tsc.js'));
  });

  test.each([
    ['drop', undefined],
    ['pseudonymize', 'pseudonymize.config.json'],
  ])('onUnapproved "%s"', async (mode, config) => {
    const fixture = path.join(fixtures, 'on-unapproved');
    const output = rewriteWithPlugin(fixture, path.join(fixture, 'src/app.ts'), config && path.join(fixture, config));
    await expect(output).toMatchFileSnapshot(path.join(fixture, `expected/app.${mode}.ts.out`));
  });
});

describe('files without sinks and declaration files', () => {
  test('every file without an edit, and every declaration, is emitted byte for byte as without the transformer', () => {
    const compilerOptions = { declaration: true, declarationMap: true };
    const plain = buildWithTscApi(app, path.join(freshDir('bytes-plain'), 'out'), { withTransformer: false, compilerOptions });
    const transformed = buildWithTscApi(app, path.join(freshDir('bytes-transformed'), 'out'), { compilerOptions });
    expect(transformed.message).toBe('');
    expect([...transformed.files.keys()].sort()).toEqual([...plain.files.keys()].sort());
    const changed = [...plain.files.keys()].filter((file) => plain.files.get(file) !== transformed.files.get(file)).sort();
    // Only the file with sink calls, and its source map.
    expect(changed).toEqual(['signup.js', 'signup.js.map']);
    expect(transformed.files.get('signup.d.ts')).toBe(plain.files.get('signup.d.ts'));
  });

  test('the transformer returns a declaration file and a file without sinks as the same node', () => {
    const parsed = parseTsconfig(app);
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const factory = piiguardTransformer(program, { env: fixtureEnv });
    const files = program
      .getSourceFiles()
      .filter((f) => f.fileName.endsWith('/model.ts') || f.fileName.endsWith('posthog-js/dist/module.d.ts'));
    expect(files).toHaveLength(2);
    const result = ts.transform(files, [factory]);
    expect(result.transformed).toEqual(files);
    expect(result.transformed.every((f, i) => f === files[i])).toBe(true);
  });

  test('the plugin never takes declaration files, JavaScript or node_modules', () => {
    const hooks = unplugin.raw({ tsconfig: path.join(app, 'tsconfig.json') }, { framework: 'esbuild', versions: {} } as never);
    const include = hooks.transformInclude as (id: string) => boolean;
    expect(include(path.join(app, 'src/signup.ts'))).toBe(true);
    expect(include(path.join(app, 'src/view.tsx?v=3'))).toBe(true);
    expect(include(path.join(app, 'src/types.d.ts'))).toBe(false);
    expect(include(path.join(app, 'src/legacy.js'))).toBe(false);
    expect(include(path.join(app, 'node_modules/sdk/index.ts'))).toBe(false);
  });

  test('the plugin skips a file that calls no sink or wrapper with a text check, and leaves a file without edits alone', () => {
    const session = new BuildSession({ tsconfig: path.join(app, 'tsconfig.json'), env: fixtureEnv });
    const model = read(path.join(app, 'src/model.ts'));
    expect(session.mayCallSink('export const answer = 42;\n')).toBe(false);
    expect(session.mayCallSink(read(signup))).toBe(true);
    // main.ts calls the inferred wrapper completeSignup: it passes the text check, and has no edit.
    expect(session.mayCallSink(read(path.join(app, 'src/main.ts')))).toBe(true);
    expect(session.getFilePlan(path.join(app, 'src/main.ts'), read(path.join(app, 'src/main.ts')))).toBeUndefined();
    expect(session.getFilePlan(path.join(app, 'src/model.ts'), model)).toBeUndefined();
  });
});

describe('idempotence', () => {
  test('the plugin: its output, rewritten again, is unchanged', () => {
    const once = rewriteWithPlugin(app, signup)!;
    const copy = copyFixture(app, 'idempotent-plugin', { 'src/signup.ts': once });
    expect(rewriteWithPlugin(copy, path.join(copy, 'src/signup.ts'))).toBeUndefined();
  });

  test('the transformer: its output as TypeScript, transformed again, is unchanged', () => {
    const transformOnce = (fixture: string): { before: ts.SourceFile; after: ts.SourceFile } => {
      const parsed = parseTsconfig(fixture);
      const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
      const file = program.getSourceFile(path.join(fixture, 'src/signup.ts').replace(/\\/g, '/'))!;
      const result = ts.transform(file, [piiguardTransformer(program, { env: fixtureEnv })]);
      return { before: file, after: result.transformed[0]! };
    };
    const printer = ts.createPrinter();
    const first = transformOnce(app);
    expect(first.after).not.toBe(first.before);
    const printed = printer.printFile(first.after);
    const copy = copyFixture(app, 'idempotent-transformer', { 'src/signup.ts': printed });
    const second = transformOnce(copy);
    expect(second.after).toBe(second.before);
    expect(printer.printFile(second.after)).toBe(
      printer.printFile(ts.createSourceFile('signup.ts', printed, ts.ScriptTarget.Latest, true)),
    );
  });
});

describe('the runtime import', () => {
  test('takes a name the file does not use, and the app still sends the same', async () => {
    const text = read(signup).replace(
      "import type { User } from './model.js';",
      "import type { User } from './model.js';\n\nexport const __piiguard = 'a name of the app';",
    );
    const copy = copyFixture(app, 'collision', { 'src/signup.ts': text });
    const output = rewriteWithPlugin(copy, path.join(copy, 'src/signup.ts'))!;
    expect(output).toContain('import * as __piiguard_1 from "piiguard/runtime";');
    expect(output).toContain("export const __piiguard = 'a name of the app';");
    expect(output.match(/from "piiguard\/runtime"/g)).toHaveLength(1);
    const out = path.join(freshDir('collision-build'), 'out');
    const result = await buildWithEsbuild(copy, out);
    expect(result.message).toBe('');
    prepareRunDir(out);
    expect(runRecorded(result.entry)).toEqual(expectedTrackingPlanCalls());
  });

  test('an existing namespace import of piiguard/runtime is reused', () => {
    const text = `import * as rt from 'piiguard/runtime';\n${read(signup)}`;
    const copy = copyFixture(app, 'reuse-import', { 'src/signup.ts': text });
    const output = rewriteWithPlugin(copy, path.join(copy, 'src/signup.ts'))!;
    expect(output).toContain('posthog.identify(rt.pseudonymize(user.id, "user-id"));');
    expect(output.match(/piiguard\/runtime/g)).toHaveLength(1);
  });
});

describe('source maps', () => {
  // In signup.ts, `user.lastIp` sits inside the minimized payload at line 11, column 9 (1-based).
  const ORIGINAL = { line: 11, column: 8 };

  function mapBack(
    code: string,
    map: SourceMapInput,
    needle: string,
  ): { source: string | null; line: number | null; column: number | null } {
    const index = code.indexOf(needle);
    expect(index).toBeGreaterThan(-1);
    const before = code.slice(0, index).split('\n');
    const traced = new TraceMap(map);
    return originalPositionFor(traced, { line: before.length, column: before[before.length - 1]!.length });
  }

  test("the plugin's own map", () => {
    const session = new BuildSession({ tsconfig: path.join(app, 'tsconfig.json'), env: fixtureEnv });
    const code = read(signup);
    const rewritten = applyPlanToSource(code, session.getFilePlan(signup, code)!, signup)!;
    const position = mapBack(rewritten.code, rewritten.map as SourceMapInput, 'user.lastIp');
    expect(position).toMatchObject({ source: signup, ...ORIGINAL });
    // The wrapper inserted around user.id in identify() maps the value back too.
    expect(mapBack(rewritten.code, rewritten.map as SourceMapInput, 'user.id, "user-id"')).toMatchObject({ line: 6, column: 19 });
  });

  test("tsc's own map of the transformer's output", () => {
    const out = path.join(freshDir('sourcemap-tsc'), 'out');
    const result = buildWithTscApi(app, out);
    expect(result.message).toBe('');
    const position = mapBack(
      result.files.get('signup.js')!,
      JSON.parse(result.files.get('signup.js.map')!) as SourceMapInput,
      'user.lastIp',
    );
    expect(position.source).toMatch(/src\/signup\.ts$/);
    expect(position).toMatchObject(ORIGINAL);
  });

  test.each([
    ['esbuild', buildWithEsbuild],
    ['Vite', buildWithVite],
  ])('through the %s bundle', async (name, build) => {
    const out = path.join(freshDir(`sourcemap-${name}`), 'out');
    const result = await build(app, out);
    expect(result.message).toBe('');
    const code = readFileSync(result.entry, 'utf8');
    const map = JSON.parse(readFileSync(`${result.entry}.map`, 'utf8')) as SourceMapInput;
    const position = mapBack(code, map, 'user.lastIp');
    expect(position.source).toMatch(/tracking-plan-app\/src\/signup\.ts$/);
    expect(position).toMatchObject(ORIGINAL);
  });
});
