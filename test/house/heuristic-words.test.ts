/**
 * The words of the name heuristics are documented where users look for them
 * (docs/rules/no-untagged-pii.md, "Names"): every built-in word, under its category, and every
 * metadata word. A word added to core/sources.ts without its line in the docs fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { HEURISTIC_WORDS, HeuristicNames, METADATA_WORDS } from '../../core/sources.js';

const docs = readFileSync(path.resolve(import.meta.dirname, '../../docs/rules/no-untagged-pii.md'), 'utf8');

test('every category row of the docs lists exactly the words of its category', () => {
  for (const [category, words] of Object.entries(HEURISTIC_WORDS)) {
    const row = docs.split('\n').find((line) => line.startsWith(`| \`${category}\` |`));
    expect(row, category).toBeDefined();
    const documented = [...row!.split('|')[2]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(documented, category).toEqual(words);
  }
});

test('every metadata word is documented', () => {
  const names = docs.slice(docs.indexOf('## Names'), docs.indexOf('## Options'));
  for (const word of METADATA_WORDS) expect(names, word).toContain(`\`${word}\``);
});

test('the documented examples behave as documented', () => {
  const names = new HeuristicNames();
  expect(names.getCategory('bank_account_number')).toBe('payment-card');
  expect(names.getCategory('accessTokens')).toBe('credential');
  expect(names.getCategory('emailCount')).toBeUndefined();
  expect(names.getCategory('sha256Token')).toBeUndefined();
  expect(names.getCategory('to')).toBeUndefined();
  expect(names.getCategory('name')).toBeUndefined();
  expect(names.getGetterCategory('getPassword')).toBe('credential');
  expect(names.getGetterCategory('getEmailTemplate')).toBeUndefined();
  const adjusted = new HeuristicNames({ mail_addr: 'email' }, ['tel']);
  expect(adjusted.getCategory('mailAddr')).toBe('email');
  expect(adjusted.getCategory('tel')).toBeUndefined();
});
