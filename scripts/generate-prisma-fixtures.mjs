// Generates the Prisma clients of the fixtures (fixtures/**/prisma/schema.prisma) into
// node_modules/.cache/piiguard-prisma/<fixture>/, offline: `prisma generate --no-engine` with the
// engine paths pointed at an empty file. Run by the tests' global setup (test/setup/prisma.ts);
// `node scripts/generate-prisma-fixtures.mjs` runs it by hand. Skips a schema whose hash matches.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(ROOT, 'node_modules/.cache/piiguard-prisma');

/** Every fixture directory (two levels under fixtures/) with a prisma/schema.prisma. */
export function listPrismaSchemas() {
  const out = [];
  const fixtures = path.join(ROOT, 'fixtures');
  for (const group of readdirSync(fixtures).sort()) {
    const groupDir = path.join(fixtures, group);
    if (!statSync(groupDir).isDirectory()) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const schema = path.join(groupDir, name, 'prisma/schema.prisma');
      if (existsSync(schema)) out.push({ name, schema });
    }
  }
  return out;
}

export function generatePrismaFixtures() {
  const prismaVersion = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/prisma/package.json'), 'utf8')).version;
  const schemas = listPrismaSchemas();
  if (schemas.length === 0) return;
  for (const { name, schema } of schemas) {
    const hash = createHash('sha256').update(prismaVersion).update(readFileSync(schema)).digest('hex');
    const stamp = path.join(CACHE, name, '.schema-hash');
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) continue;
    generatePrismaClient(schema);
    writeFileSync(stamp, hash);
  }
}

/** Runs `prisma generate` on one schema, offline (the client goes where its generator's `output` says). */
export function generatePrismaClient(schema) {
  const emptyEngine = path.join(CACHE, 'no-engine');
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(emptyEngine)) writeFileSync(emptyEngine, '');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/prisma/build/index.js'), 'generate', '--no-engine', '--schema', schema], {
    cwd: ROOT,
    stdio: 'pipe',
    env: {
      ...process.env,
      PRISMA_QUERY_ENGINE_LIBRARY: emptyEngine,
      PRISMA_SCHEMA_ENGINE_BINARY: emptyEngine,
      PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) generatePrismaFixtures();
