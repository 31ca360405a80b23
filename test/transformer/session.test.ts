/**
 * The plugin's program in watch and dev-server mode: built once, then kept current from the
 * last program as files change (unchanged files are not parsed again); the engine's verdicts on
 * the transformer fixtures agree with what the rewrite does; the pseudonymization key's sources.
 */
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { createServer } from 'vite';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import piiguardEsbuild from '../../transformer/esbuild.js';
import piiguardVite from '../../transformer/vite.js';
import { BuildSession } from '../../transformer/session.js';
import { compareWithExpectations, listFixtureProjects, readExpectations } from '../analyzer/expectations.js';
import { loadConfigSync, loadProject } from '../../core/index.js';
import { planProgram } from '../../transformer/plan.js';
import { buildWithEsbuild, buildWithTscApi } from './builds.js';
import { expectedTrackingPlanCalls, fixtureEnv, fixtures, freshDir, prepareRunDir, pseudonym, read, runRecorded } from './helpers.js';

const app = path.join(fixtures, 'tracking-plan-app');

function copyApp(name: string): string {
  const dir = path.join(freshDir(name), 'app');
  cpSync(app, dir, { recursive: true });
  return dir;
}

const NEW_CALL = "  posthog.capture('Signup Completed', { userId: user.id, email: user.email });\n}\n";

describe('the plugin keeps its program current', () => {
  test('a changed file is parsed again, the others are reused, and the plan follows the new text', () => {
    const dir = copyApp('session-incremental');
    const signup = path.join(dir, 'src/signup.ts');
    const model = path.join(dir, 'src/model.ts').replace(/\\/g, '/');
    const session = new BuildSession({ tsconfig: path.join(dir, 'tsconfig.json'), env: fixtureEnv });
    const code = read(signup);
    const first = session.getFilePlan(signup, code)!;
    const firstProgram = session.currentProgram!;
    expect(session.builds).toBe(1);
    // The bundler hands over a text that differs from the disk (an edit in the dev server).
    const edited = code.replace(/\n}\n$/, `\n${NEW_CALL}`);
    const second = session.getFilePlan(signup, edited)!;
    expect(session.builds).toBe(2);
    expect(second.text).toBe(edited);
    expect(second.edits.length).toBe(first.edits.length + 1);
    // The files that did not change are the same parsed files; the changed one is new.
    expect(session.currentProgram!.getSourceFile(model)).toBe(firstProgram.getSourceFile(model));
    expect(session.currentProgram!.getSourceFile(signup)).not.toBe(firstProgram.getSourceFile(signup));
    // The same text again: no new program.
    session.getFilePlan(signup, edited);
    expect(session.builds).toBe(2);
  });

  test('a file created after the first build is analysed in the next program; a file outside the project is an error naming the tsconfig', () => {
    const dir = copyApp('session-new-file');
    const session = new BuildSession({ tsconfig: path.join(dir, 'tsconfig.json'), env: fixtureEnv });
    session.getPlan();
    expect(session.builds).toBe(1);
    const added = path.join(dir, 'src/settings.ts');
    const text =
      "import posthog from 'posthog-js';\nimport type { User } from './model.js';\n\nexport function saveSettings(user: User): void {\n  posthog.identify(user.id);\n}\n";
    writeFileSync(added, text);
    const plan = session.getFilePlan(added, text)!;
    expect(session.builds).toBe(2);
    expect(plan.edits).toEqual([
      {
        kind: 'wrap',
        target: { start: text.indexOf('user.id'), end: text.indexOf('user.id') + 'user.id'.length },
        wrapper: { fn: 'pseudonymize', args: ['user-id'], form: 'pseudonymized' },
      },
    ]);
    // The plugins ask only for files that may call a sink (mayCallSink): one outside every project fails the build.
    const outside = path.join(dir, 'scripts/tool.ts');
    const message = `${path.relative(process.cwd(), outside)} may call a sink, but no project piiguard loaded includes it (tried tsconfig.json in ${path.relative(process.cwd(), dir)})`;
    expect(() => session.getFilePlan(outside, 'posthog.identify(x);\n')).toThrow(message);
    expect(() => session.getFilePlan(outside, 'posthog.identify(x);\n')).toThrow(message);
    expect(session.builds).toBe(3);
  });

  test('Vite dev server: an edit on disk reaches the next transform', async () => {
    const dir = copyApp('session-vite-dev');
    const signup = path.join(dir, 'src/signup.ts');
    const server = await createServer({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      server: { middlewareMode: true, hmr: false },
      optimizeDeps: { noDiscovery: true, include: [] },
      plugins: [
        // The app inlines its key, so it is built for the server (a client build would fail: browser.test.ts).
        piiguardVite({ tsconfig: path.join(dir, 'tsconfig.json'), env: fixtureEnv, target: 'server' }),
      ],
    });
    try {
      const first = await server.transformRequest('/src/signup.ts');
      expect(first?.code).toContain('__piiguard.minimize("Signup Completed"');
      expect(first?.code).not.toContain('email: user.email }');
      const edited = read(signup).replace(/\n}\n$/, `\n${NEW_CALL}`);
      writeFileSync(signup, edited);
      // What Vite's watcher does when it sees the change (invalidate the module, call the
      // plugins' watchChange hooks), told at once instead of waited for: polling under load
      // can take longer than a test should. Vite handles the event asynchronously: ask again
      // until the module was invalidated (a bounded wait, not a watcher's timing).
      server.watcher.emit('change', signup);
      let code = '';
      for (let i = 0; i < 50 && !code.includes('userId: user.id, email: user.email'); i++) {
        await new Promise((r) => setTimeout(r, 20));
        code = (await server.transformRequest('/src/signup.ts'))!.code.replace(/\s+/g, ' ');
      }
      expect(code).toContain('__piiguard.minimize("Signup Completed", { userId: user.id, email: user.email }');
    } finally {
      await server.close();
    }
  });

  test('esbuild rebuilds (watch mode): a file changed on disk is analysed again', async () => {
    const dir = copyApp('session-esbuild-rebuild');
    const out = path.join(freshDir('session-esbuild-rebuild-out'), 'out');
    const ctx = await esbuild.context({
      entryPoints: [path.join(dir, 'src/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: path.join(out, 'main.js'),
      external: ['posthog-js', 'piiguard/runtime'],
      logLevel: 'silent',
      plugins: [piiguardEsbuild({ tsconfig: path.join(dir, 'tsconfig.json'), env: fixtureEnv })],
    });
    try {
      await ctx.rebuild();
      prepareRunDir(out);
      expect(runRecorded(path.join(out, 'main.js'))).toEqual(expectedTrackingPlanCalls());
      // A file without sinks changes (the text check skips it): the user id loses its tag, so
      // identify() no longer pseudonymizes it — the plan follows the change all the same.
      const model = path.join(dir, 'src/model.ts');
      writeFileSync(model, read(model).replace('id: UserId;', 'id: string;'));
      await new Promise((r) => setTimeout(r, 20));
      await ctx.rebuild();
      const received = runRecorded(path.join(out, 'main.js'));
      expect(received[0]).toEqual(['identify', 'u_42']);
      expect(received[1]).toEqual([
        'capture',
        'Signup Completed',
        { userId: pseudonym('user-id', 'u_42'), plan: 'pro', ip: '203.0.113.0', signedUpAt: Date.UTC(2026, 10, 5) },
      ]);
    } finally {
      await ctx.dispose();
    }
  });
});

/** `file:line transform` of each missing-key error of the fixture's build, where the fixtures' key is set. */
function getKeyErrors(dir: string): Set<string> {
  const project = loadProject(ts, path.join(dir, 'tsconfig.json'));
  const plan = planProgram({ ts, program: project.program, config: loadConfigSync({ cwd: dir }), files: project.files, env: fixtureEnv });
  return new Set(
    [...plan.files.values()].flatMap((file) => file.errors.filter((e) => e.kind === 'key').map((e) => `${e.file}:${e.line} transform`)),
  );
}

describe('the engine and the rewrite agree', () => {
  test.each(listFixtureProjects(fixtures).map((dir) => [path.basename(dir), dir]))(
    'piiguard check on %s reports exactly the expectations inline',
    async (_name, dir) => {
      const result = await analyze({ project: path.join(dir, 'tsconfig.json'), today: '2026-11-22' });
      expect(result.problems.filter((p) => p.kind !== 'unreadable-file')).toEqual([]);
      const findings = result.findings.filter((f) => f.ruleId !== 'piiguard/unused-approval');
      // A missing pseudonymization key is the build environment's, which only a build knows (test/transformer/plan-errors.test.ts).
      const keyErrors = getKeyErrors(dir);
      const expected = readExpectations(dir).filter((e) => !keyErrors.has(`${e.file}:${e.line} ${e.rule}`));
      expect(compareWithExpectations(expected, findings)).toEqual([]);
    },
  );

  test('with "transform": true, what check approves the rewrite makes approved: no flow of the app is left unapproved', async () => {
    const result = await analyze({ project: path.join(app, 'tsconfig.json'), today: '2026-11-22' });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'piiguard/unused-approval')).toEqual([]);
  });
});

describe('the pseudonymization key', () => {
  test('keyEnv not set at build time: the build fails, it never falls back to an unkeyed hash', async () => {
    const out = path.join(freshDir('key-missing'), 'out');
    const tsc = buildWithTscApi(app, out, { env: {} });
    expect(tsc.ok).toBe(false);
    expect(tsc.message).toContain(
      'src/signup.ts(6,20): error TS990601: piiguard: no pseudonymization key: pseudonymization.keyEnv names PIIGUARD_FIXTURE_KEY, which is not set',
    );
  });

  test('without key or keyEnv, no configure() is inserted: the app configures the key, and without that the build fails (not every call at run time)', async () => {
    const dir = copyApp('key-by-app');
    const configFile = path.join(dir, 'piiguard.config.json');
    const config = JSON.parse(read(configFile));
    delete config.pseudonymization;
    writeFileSync(configFile, JSON.stringify(config));
    const out = path.join(freshDir('key-by-app-out'), 'out');
    const result = await buildWithEsbuild(dir, out);
    expect(result.ok).toBe(false);
    expect(result.message).toContain(
      'piiguard: no pseudonymization key: the build inserts pseudonymize(), but the config sets neither pseudonymization.keyEnv nor pseudonymization.key and no file calls configure() from piiguard/runtime, so every call would throw at run time (piiguard/transform)\nneeded by src/signup.ts:6:20',
    );
    expect(result.message).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
    // The app's own entry configures the key before the first call.
    writeFileSync(
      path.join(dir, 'src/main.ts'),
      `import { configure } from 'piiguard/runtime';\nconfigure({ key: 'the-apps-own-key-0123456789' });\n${read(path.join(dir, 'src/main.ts'))}`,
    );
    const rebuilt = await buildWithEsbuild(dir, out);
    expect(rebuilt.message).toBe('');
    expect(read(rebuilt.entry)).not.toContain('__piiguard.configure(');
    prepareRunDir(out);
    expect(runRecorded(rebuilt.entry)[0]).toEqual(['identify', pseudonym('user-id', 'u_42', 'the-apps-own-key-0123456789')]);
  });
});
