/**
 * Inside the process a finding keeps its trace as typed steps (the source, then each inferred
 * wrapper the value goes through), which become SPEC §7's `trace` (location and note) only in the
 * output: one step per trace entry, in the same order.
 */
import path from 'node:path';
import { expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { getFindingSite } from '../../core/analysis.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/analyzer/wrapper-two-hops');

test('a flow through two wrappers: a source step, then a hop per wrapper', async () => {
  const result = await analyze({ project: path.join(fixture, 'tsconfig.json') });
  const flows = result.findings.filter((f) => f.category !== null);
  expect(flows.length).toBeGreaterThan(0);
  for (const finding of flows) {
    const steps = getFindingSite(finding)!.trace;
    expect(steps.map((s) => s.note)).toEqual(finding.trace.map((t) => t.note));
    expect(steps[0]!.kind).toBe('source');
    expect(steps.slice(1).every((s) => s.kind === 'hop')).toBe(true);
  }
  expect(Math.max(...flows.map((f) => getFindingSite(f)!.trace.filter((s) => s.kind === 'hop').length))).toBe(2);
});
