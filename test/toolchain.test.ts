import { realpathSync } from 'node:fs';
import { expect, test } from 'vitest';

// The `node` dev dependency (a Node 22 binary for ts-patch 4) links itself as node_modules/.bin/node,
// which npm scripts put first on PATH: the scripts call "$npm_node_execpath" so that the suite runs
// on the Node that runs npm (20.19+, the engines field), not on that binary.
test('the suite runs on the Node that runs npm, not the Node 22 of the node dev dependency', () => {
  const npmNode = process.env.npm_node_execpath;
  if (npmNode === undefined) return; // run directly (npx vitest): nothing to compare with
  expect(realpathSync(process.execPath)).toBe(realpathSync(npmNode));
  expect(process.execPath).not.toMatch(/node_modules[\\/]node[\\/]/);
});
