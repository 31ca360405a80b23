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
