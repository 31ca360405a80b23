/**
 * `check` and the build agree by construction (issue 18): for every project under
 * fixtures/transformer/, what `piiguard check` says with `"transform": true` is what a build with
 * the bundler plugin (rollup, every source file an input) does:
 * - the flows check fails the build on (`piiguard/transform`, and the unapproved flows while
 *   `onUnapproved` is "error") are exactly the build's errors, at the same lines;
 * - a call where check says a value leaves the app in another form than the one written (approved
 *   after the rewrite, dropped by the plan or by `onUnapproved`) is a call the build rewrites.
 * Both sides decide with core/rewrite.ts, so the agreement holds by construction; the exact
 * rewritten lines and errors of each build are asserted too. Each module is recorded as the
 * plugin returned it, before the types are stripped: the edits keep every line where it was.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import * as esbuild from 'esbuild';
import { rollup, type Plugin } from 'rollup';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { analyze, type AnalyzeResult } from '../../analyzer/analyze.js';
import { loadConfigSync } from '../../core/index.js';
import { getRule, type RuleId } from '../../core/rules/index.js';
import plugin from '../../rules/index.js';
import piiguardRollup from '../../transformer/rollup.js';
import { listFixtureProjects, listSourceFiles } from '../analyzer/expectations.js';
import { FIXTURE_KEY, fixtureEnv, fixtures } from './helpers.js';

const TODAY = '2026-11-22';
// Every key a fixture names is set: the key is the build environment's, which check cannot know
// (test/transformer/plan-errors.test.ts has the build without it).
const env = { ...fixtureEnv, PIIGUARD_MISSING_KEY: FIXTURE_KEY };

interface BuildOutcome {
  /** `file:line rule` of each error the build reported. */
  errors: string[];
  /** `file:line: text` of each line the plugin changed. */
  rewritten: string[];
}

/** Builds the fixture's sources with rollup and piiguard's plugin, recording what the plugin made of each module. */
async function buildFixture(dir: string): Promise<BuildOutcome> {
  const inputs = listSourceFiles(path.join(dir, 'src'));
  const emitted = new Map<string, string>();
  const record: Plugin = {
    name: 'record-rewrite',
    transform(code, id) {
      emitted.set(id, code);
      return null;
    },
  };
  // Project files by their TypeScript name; everything else (packages, styles) stays outside the bundle.
  const resolveProject: Plugin = {
    name: 'resolve-project',
    resolveId(source, importer) {
      if (!importer) return null;
      if (!source.startsWith('.')) return { id: source, external: true };
      const base = path.resolve(path.dirname(importer), source);
      const file = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`, base].find(
        (candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate),
      );
      return file ?? { id: source, external: true };
    },
  };
  const strip: Plugin = {
    name: 'strip-types',
    async transform(code, id) {
      const out = await esbuild.transform(code, { loader: id.endsWith('.tsx') ? 'tsx' : 'ts', jsx: 'automatic', sourcefile: id });
      return { code: out.code };
    },
  };
  let message = '';
  try {
    const bundle = await rollup({
      input: inputs,
      onwarn: () => {},
      plugins: [
        piiguardRollup({ tsconfig: path.join(dir, 'tsconfig.json'), env, today: TODAY, target: 'server' }),
        record,
        resolveProject,
        strip,
      ],
    });
    await bundle.generate({ format: 'es' });
    await bundle.close();
  } catch (error) {
    message = (error as Error).message;
  }
  const errors = [...message.matchAll(/^(\S+):(\d+):\d+: .* \((piiguard\/[a-z-]+)\)$/gm)].map(
    ([, file, line, rule]) => `${file}:${line} ${rule}`,
  );
  // A failure that names no flow (a crash, a missing key) is not an outcome to compare.
  if (message && errors.length === 0) throw new Error(message);
  const rewritten: string[] = [];
  for (const [id, code] of [...emitted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const before = readFileSync(id, 'utf8').split('\n');
    const after = code.split('\n');
    expect(after.length, `${id}: the rewrite keeps the lines`).toBe(before.length);
    const file = path.relative(dir, id).split(path.sep).join('/');
    after.forEach((text, i) => {
      if (text !== before[i]) rewritten.push(`${file}:${i + 1}: ${text.trim()}`);
    });
  }
  return { errors: [...new Set(errors)].sort(), rewritten };
}

/** What check says the build does: the errors it fails on, and the calls (first and last line) it must rewrite. */
function getClaims(result: AnalyzeResult, dir: string): { errors: string[]; rewrites: Array<{ file: string; from: number; to: number }> } {
  const { onUnapproved } = loadConfigSync({ cwd: dir }).config;
  const failsBuild = (rule: RuleId) => getRule(rule).build === 'fail' && (rule === 'piiguard/transform' || onUnapproved === 'error');
  const errors = [
    ...new Set(result.findings.filter((f) => failsBuild(f.ruleId)).map((f) => `${f.location.file}:${f.location.line} ${f.ruleId}`)),
  ];
  // The form check says the value leaves the app in differs from the code's: the build must change the call.
  const rewrites = result
    .inventory!.flows.filter((flow) => flow.origin !== 'heuristic' && flow.leaves !== flow.form)
    .map((flow) => ({ file: flow.location.file, ...getCallLines(path.join(dir, flow.location.file), flow.location) }));
  return { errors: errors.sort(), rewrites };
}

/** The first and last line of the call that starts at `location`. */
function getCallLines(fileName: string, location: { line: number; column: number }): { from: number; to: number } {
  const file = ts.createSourceFile(fileName, readFileSync(fileName, 'utf8'), ts.ScriptTarget.Latest, true);
  const start = file.getPositionOfLineAndCharacter(location.line - 1, location.column - 1);
  let call: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (!call && (ts.isCallExpression(node) || ts.isNewExpression(node)) && node.getStart(file) === start) call = node;
    else ts.forEachChild(node, visit);
  };
  visit(file);
  if (!call) throw new Error(`no call at ${fileName}:${location.line}:${location.column}`);
  return { from: location.line, to: file.getLineAndCharacterOfPosition(call.getEnd()).line + 1 };
}

/**
 * What each fixture's build does, exactly: the import and the key inserted, minimize() around a
 * planned payload, wrappers, drops and consent guards; and the errors — for rewrite-out-of-reach,
 * the values check reports as out of the rewrite's reach (test/transformer/rewrite.test.ts has
 * the output of every build path).
 */
const BUILDS: Record<string, BuildOutcome> = {
  'browser-app': {
    errors: [],
    rewritten: [
      'src/main.ts:2: import * as __piiguard from "piiguard/runtime"; __piiguard.configure({"key":"fixture-key-0123456789abcdef","rotation":"none"});import posthog from \'posthog-js\';',
      'src/main.ts:7: posthog.capture(\'Signup Completed\', __piiguard.minimize("Signup Completed", { userId: session.userId, plan: session.plan }, {"properties":{"userId":"pseudonymize:user-id","plan":"keep"}}));',
    ],
  },
  'consent-browser': {
    errors: [],
    rewritten: [
      'src/main.ts:3: import * as __piiguard from "piiguard/runtime";import posthog from \'posthog-js\';',
      'src/main.ts:18: __piiguard.hasConsent("analytics") && posthog.capture(\'Plan Chosen\', __piiguard.minimize("Plan Chosen", { plan: \'pro\', click: clicks }, {"properties":{"plan":"keep","click":"keep"}}));',
    ],
  },
  'consent-guards': {
    errors: [],
    rewritten: [
      'src/app.ts:1: import * as __piiguard_consent from "vanilla-cookieconsent";import posthog from \'posthog-js\';',
      'src/app.ts:5: __piiguard_consent.acceptedCategory("analytics") && posthog.capture(\'Signed Up\', { plan });',
      'src/app.ts:7: return (__piiguard_consent.acceptedCategory("analytics") && posthog.capture(\'Returned\', { plan }));',
    ],
  },
  'create-vite-react-ts': {
    errors: [],
    rewritten: [
      'src/App.tsx:1: import * as __piiguard from "piiguard/runtime";import { useState, type FormEvent } from \'react\'',
      'src/App.tsx:6: posthog.capture(\'Signed Up\', __piiguard.minimize("Signed Up", { email: account.email, name: account.name, plan: account.plan }, {"properties":{"plan":"keep"}})) // $ unplanned-property:email, unplanned-property:person-name',
    ],
  },
  'missing-key': {
    errors: [],
    rewritten: [
      'src/app.ts:1: import * as __piiguard from "piiguard/runtime"; __piiguard.configure({"key":"fixture-key-0123456789abcdef","rotation":"monthly"});import posthog from \'posthog-js\';',
      'src/app.ts:7: posthog.capture(\'Signed Up\', { email: __piiguard.pseudonymize(user.email, "email"), plan: user.plan }); // $ transform',
    ],
  },
  'on-unapproved': {
    errors: [],
    rewritten: [
      'src/app.ts:7: posthog.identify(undefined); // $ unapproved-flow:email',
      "src/app.ts:8: posthog.capture('Profile Updated', { plan: user.plan }); // $ unapproved-flow:email, secret-flow:credential",
    ],
  },
  'rewrite-out-of-reach': {
    errors: ['src/signup.ts:18 piiguard/transform', 'src/signup.ts:24 piiguard/transform'],
    rewritten: [
      'src/signup.ts:4: import * as __piiguard from "piiguard/runtime"; __piiguard.configure({"key":"fixture-key-0123456789abcdef","rotation":"none"});import posthog from \'posthog-js\';',
      'src/signup.ts:12: client.capture({ distinctId: \'anonymous\', event: \'Signup Completed\', properties: __piiguard.minimize("Signup Completed", { plan: user.plan, userId: user.id, email: user.email }, {"properties":{"plan":"keep","userId":"pseudonymize:user-id"}}) }); // $ unplanned-property:email',
      'src/signup.ts:29: posthog.capture(\'Place Saved\', __piiguard.minimize("Place Saved", { place: user.place }, {"properties":{"place":"generalize:precise-location"}}));',
    ],
  },
  'server-sdk-payload': {
    errors: [],
    rewritten: [
      'src/signup.ts:3: import * as __piiguard from "piiguard/runtime"; __piiguard.configure({"key":"fixture-key-0123456789abcdef","rotation":"none"});import { PostHog } from \'posthog-node\';',
      'src/signup.ts:10: client.capture({ distinctId: __piiguard.pseudonymize(user.id, "user-id"), event: \'Signup Completed\', properties: __piiguard.minimize("Signup Completed", properties, {"properties":{"plan":"keep","userId":"pseudonymize:user-id"}}) }); // $ unplanned-property:email',
      'src/signup.ts:12: client.identify({ distinctId: __piiguard.pseudonymize(distinctId, "user-id") });',
    ],
  },
  'tracking-plan-app': {
    errors: [],
    rewritten: [
      'src/signup.ts:1: import * as __piiguard from "piiguard/runtime"; __piiguard.configure({"key":"fixture-key-0123456789abcdef","rotation":"none"});import posthog from \'posthog-js\';',
      'src/signup.ts:6: posthog.identify(__piiguard.pseudonymize(user.id, "user-id"));',
      'src/signup.ts:7: posthog.capture(\'Signup Completed\', __piiguard.minimize("Signup Completed", { // $ unplanned-property:email',
      'src/signup.ts:14: }, {"properties":{"userId":"pseudonymize:user-id","plan":"keep","ip":"generalize:ip-address","signedUpAt":"bin:day"}}));',
      'src/signup.ts:16: trackEvent(\'Page Viewed\', __piiguard.minimize("Page Viewed", { path: \'/welcome\', email, phone: user.phone, step: 2 }, {"properties":{"path":"keep","email":"pseudonymize:email"}})); // $ unplanned-property:phone',
      'src/signup.ts:17: trackPage({ path: \'/settings\', email: __piiguard.pseudonymize(email, "email") }); // $ unplanned-property:phone',
    ],
  },
  'unapproved-flow': {
    errors: ['src/app.ts:6 piiguard/unapproved-flow', 'src/settings.ts:6 piiguard/unapproved-flow'],
    rewritten: [
      'src/app.ts:2: import * as __piiguard from "piiguard/runtime";import posthog from \'posthog-js\';',
      'src/app.ts:6: posthog.capture(\'Profile Updated\', __piiguard.minimize("Profile Updated", { plan: user.plan }, {"properties":{"plan":"keep","email":"keep"}})); // $ unapproved-flow:email',
      "src/settings.ts:6: posthog.capture('Settings Saved', {  }); // $ unapproved-flow:email",
    ],
  },
};

describe.each(listFixtureProjects(fixtures).map((dir) => [path.basename(dir), dir]))('%s', (name, dir) => {
  test('check says of each call what the build does with it', { timeout: 120_000 }, async () => {
    const result = await analyze({ project: path.join(dir, 'tsconfig.json'), today: TODAY });
    const claims = getClaims(result, dir);
    const build = await buildFixture(dir);
    expect(build.errors).toEqual(claims.errors);
    const rewrittenAt = build.rewritten.map((line) => {
      const [, file, number] = /^(.+?):(\d+):/.exec(line)!;
      return { file, line: Number(number) };
    });
    const notRewritten = claims.rewrites.filter(
      (claim) => !rewrittenAt.some((at) => at.file === claim.file && at.line >= claim.from && at.line <= claim.to),
    );
    expect(notRewritten).toEqual([]);
    expect(build).toEqual(BUILDS[name]);
  });
});

describe('the editor', () => {
  test('shows the values out of the rewrite’s reach as check and the build report them', { timeout: 120_000 }, async () => {
    const dir = path.join(fixtures, 'rewrite-out-of-reach');
    const result = await analyze({ project: path.join(dir, 'tsconfig.json'), today: TODAY });
    const expected = result.findings
      .filter((f) => f.ruleId === 'piiguard/transform')
      .map((f) => `${f.location.file}:${f.location.line} ${f.message} (piiguard/transform)`);
    expect(expected).toHaveLength(3);
    // What the plan drops is named by its property in the plan's payload (posthog-node's `properties`).
    expect(result.findings.find((f) => f.ruleId === 'piiguard/unplanned-property')?.message).toBe(
      'email in property "email" of event "Signup Completed" to posthog is not in the tracking plan; minimize() drops it at run time',
    );
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended as Linter.Config] });
    const [lint] = await eslint.lintFiles([path.join(dir, 'src/signup.ts')]);
    const shown = lint!.messages
      .filter((m) => m.ruleId === 'piiguard/no-unapproved-pii-flow')
      .map((m) => `src/signup.ts:${m.line} ${m.message}`);
    expect(shown.sort()).toEqual(expected.sort());
  });
});
