#!/usr/bin/env node
// Writes schema.json (the config's JSON Schema, for editor completion) from core/config/schema.ts.
// Runs the TypeScript source through jiti, so no build is needed:
//   node scripts/generate-schema.mjs           write schema.json
//   node scripts/generate-schema.mjs --check   exit 1 if schema.json is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url, { fsCache: false });
const { renderConfigJsonSchema } = await jiti.import('../core/config/json-schema.ts');
const target = fileURLToPath(new URL('../schema.json', import.meta.url));
const text = renderConfigJsonSchema();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: out of date
  }
  if (current !== text) {
    console.error('schema.json is out of date: run node scripts/generate-schema.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
