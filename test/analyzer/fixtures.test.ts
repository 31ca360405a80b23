/**
 * The one harness for the analyzer fixtures: each project under fixtures/analyzer/ and the demo
 * app is checked, and its findings must equal the expectations it carries inline.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { compareWithExpectations, listFixtureProjects, readExpectations } from './expectations.js';

const root = path.resolve(import.meta.dirname, '../../fixtures');
const projects = [...listFixtureProjects(path.join(root, 'analyzer')), path.join(root, 'demo')];

describe('analyzer fixtures', () => {
  test.each(projects.map((dir) => [path.relative(root, dir), dir]))('%s', async (_name, dir) => {
    const result = await analyze({ project: path.join(dir, 'tsconfig.json'), today: '2026-11-22' });
    expect(result.problems.filter((p) => p.kind !== 'unreadable-file')).toEqual([]);
    expect(compareWithExpectations(readExpectations(dir), result.findings)).toEqual([]);
  });
});
