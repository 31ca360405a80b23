/**
 * Inside the process a finding keeps its trace as typed steps: the source, each local variable and
 * inferred wrapper the value goes through, and the sink call it leaves by. SPEC §7's `trace`
 * (location and note) is made from the `source` and `hop` steps only, in the same order, so the
 * public output does not change when the engine records more.
 */
import path from 'node:path';
import { expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { getFindingSite } from '../../core/analysis.js';
import type { Finding } from '../../core/findings.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/analyzer');

async function flowsOf(fixture: string): Promise<Finding[]> {
  const result = await analyze({ project: path.join(fixtures, fixture, 'tsconfig.json') });
  return result.findings.filter((f) => f.category !== null);
}

function steps(finding: Finding): string[] {
  return getFindingSite(finding)!.trace.map((s) => `${s.kind} ${s.note}`);
}

test('a flow through two wrappers: a source step, a hop per wrapper, then the sink', async () => {
  const flows = await flowsOf('wrapper-two-hops');
  expect(flows.length).toBeGreaterThan(0);
  for (const finding of flows) {
    const site = getFindingSite(finding)!.trace;
    expect(site.filter((s) => s.kind === 'source' || s.kind === 'hop').map((s) => s.note)).toEqual(finding.trace.map((t) => t.note));
    expect(site[0]!.kind).toBe('source');
    expect(site.at(-1)!.kind).toBe('sink');
  }
  expect(Math.max(...flows.map((f) => getFindingSite(f)!.trace.filter((s) => s.kind === 'hop').length))).toBe(2);
});

test('a local variable on the way is a local step; the public trace still shows the source alone', async () => {
  const flows = await flowsOf('propagation-locals');
  const before = flows.find((f) => f.event === 'Before')!;
  expect(steps(before)).toEqual(['source email: Email', 'local contact: string = user.email', 'sink posthog.capture (posthog)']);
  expect(before.trace.map((t) => t.note)).toEqual(['email: Email']);
  const cond = flows.find((f) => f.event === 'Cond')!;
  // `both = anonymous ? 'hidden' : both` reads `both` as defined by `let both = user.phone`.
  expect(steps(cond)).toEqual([
    'source phone: Phone',
    'local both = user.phone',
    "local both = anonymous ? 'hidden' : both",
    'sink posthog.capture (posthog)',
  ]);
});

test('a decorated property is noted by its name, not its decorators (`@Column() email!: string` → `email!: string`)', async () => {
  const flows = await flowsOf('sources-orm-entities');
  const typeorm = flows.find((f) => f.location.file === 'src/app.ts' && f.category === 'email')!;
  expect(typeorm.trace.map((t) => `${t.file}:${t.line} ${t.note}`)).toEqual(['src/entities.ts:7 email!: string']);
  const mikro = flows.find((f) => f.location.file === 'src/mikro.ts')!;
  expect(mikro.trace.map((t) => `${t.file}:${t.line} ${t.note}`)).toEqual(['src/mikro.ts:11 email!: string']);
});

test('request data starts its trace where it comes in: the decorated parameter (the decorator is the source), `req.body`, `request.json()`', async () => {
  const flows = await flowsOf('sources-request-data');
  const notes = (file: string, line: number) =>
    flows.filter((f) => f.location.file === file && f.location.line === line).map((f) => f.trace.map((t) => `${t.line} ${t.note}`));
  expect(notes('src/nest.ts', 33)).toEqual([['32 @Body() body: SignupDto']]);
  expect(notes('src/nest.ts', 41)).toEqual([["40 @Body('email') email: string"]]);
  expect(notes('src/express.ts', 12)).toEqual([['12 req.body']]);
  // `const { body } = req`: the name that binds the part.
  expect(notes('src/express.ts', 23)).toEqual([['19 body']]);
  expect(notes('src/next.ts', 10)).toEqual([['9 request.json()']]);
  expect(notes('src/next.ts', 18)).toEqual([['17 request.formData()']]);
});
