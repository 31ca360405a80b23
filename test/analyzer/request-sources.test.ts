/**
 * Request data as a source (config `{ request, property?, category }`), as `piiguard sources`
 * lists it: each place request data comes in, with the entry that tags it. The flows themselves
 * are the inline expectations of fixtures/analyzer/sources-request-data.
 */
import path from 'node:path';
import { expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/analyzer/sources-request-data');

test('piiguard sources lists where request data comes in: a decorated parameter, a part read or destructured, a body read', async () => {
  const result = await analyze({ project: path.join(fixture, 'tsconfig.json'), tagging: true });
  const listed = result.tagging!.sources.map((s) => `${s.file}:${s.line} ${s.name} ${s.category} ${s.entry?.key} (${s.entry?.names})`);
  // The whole body with an entry per property: one line per entry.
  expect(listed).toContain('src/nest.ts:32 body.email email sources[0] (request body.email)');
  expect(listed).toContain('src/nest.ts:32 body.data free-text sources[1] (request body.data)');
  // One property of the body, named by the decorator.
  expect(listed).toContain('src/nest.ts:40 email email sources[0] (request body.email)');
  expect(listed).toContain('src/express.ts:19 query postal-code sources[2] (request query)');
  expect(listed).toContain('src/fastify.ts:16 request.query postal-code sources[2] (request query)');
  expect(listed).toContain('src/express.ts:19 params.userId user-id sources[3] (request params.userId)');
  expect(listed).toContain('src/next.ts:9 request.json().email email sources[0] (request body.email)');
  // A property no entry names is not listed (`@Body('plan')`), nor the app's own `body` (`notARequest`).
  expect(listed.filter((l) => l.startsWith('src/nest.ts:40 '))).toHaveLength(1);
  expect(listed.filter((l) => l.startsWith('src/express.ts:57 '))).toEqual([]);
});
