// Makes the node_modules symlinks of the workspace fixtures (fixtures/workspaces/*), as npm, yarn
// and pnpm install them: git keeps no node_modules, so each fixture lists its links in
// `workspace-links.json` (link → target, both relative to the fixture). Run by the tests' global
// setup (test/setup/workspaces.ts); `node scripts/link-workspace-fixtures.mjs` runs it by hand.
// A link that already points at its target is left alone.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'fixtures/workspaces');

export function linkWorkspaceFixtures() {
  if (!existsSync(FIXTURES)) return;
  for (const name of readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, name);
    const manifest = path.join(dir, 'workspace-links.json');
    if (!existsSync(manifest)) continue;
    const { links } = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const [link, target] of Object.entries(links)) {
      const at = path.join(dir, link);
      // Windows makes directory junctions without rights to symlink; they take absolute targets.
      const to = process.platform === 'win32' ? path.join(dir, target) : path.relative(path.dirname(at), path.join(dir, target));
      if (isLink(at) && readlinkSync(at) === to) continue;
      rmSync(at, { recursive: true, force: true });
      mkdirSync(path.dirname(at), { recursive: true });
      symlinkSync(to, at, 'junction');
    }
  }
}

function isLink(file) {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) linkWorkspaceFixtures();
