/**
 * JSDoc types in JavaScript (allowJs + checkJs) are rewritten like TypeScript annotations: the
 * project of fixtures/transformer/on-unapproved, written in JavaScript with `@param
 * {import('piiguard').Email}`, `@typedef` and `@pii`, built by the tsc transformer, sends the
 * same calls as the TypeScript one under onUnapproved "drop" and "pseudonymize" (the bundler
 * plugin takes TypeScript files only).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildWithTscApi } from './builds.js';
import { fixtures, freshDir, read } from './helpers.js';

const typescript = path.join(fixtures, 'on-unapproved');

const model = `// The model of on-unapproved's src/model.ts, in JSDoc types.
/** @import { Credential, Email } from 'piiguard' */

/**
 * \`@pii\` on a typedef, as on a TypeScript type alias.
 * @pii user-id
 * @typedef {string} AccountId
 */

/**
 * @typedef {object} User
 * @property {AccountId} id
 * @property {Email} email
 * @property {Credential} password
 * @property {'free' | 'pro'} plan
 */
export {};
`;

const app = `import posthog from 'posthog-js';

/** @param {import('./model.js').User} user */
export function saveProfile(user) {
  posthog.identify(user.email);
  posthog.capture('Profile Updated', { email: user.email, plan: user.plan, password: user.password });
}

/** @param {import('piiguard').Email} email */
export function invite(email) {
  posthog.capture('Invited', { email });
}

/** @param {import('./model.js').User} user */
export function login(user) {
  posthog.identify(user.id);
}
`;

/** The JavaScript project, beside the TypeScript one's config files. */
function javascriptProject(): string {
  const dir = path.join(freshDir('javascript'), 'app');
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  for (const file of ['piiguard.config.json', 'pseudonymize.config.json']) cpSync(path.join(typescript, file), path.join(dir, file));
  const tsconfig = JSON.parse(read(path.join(typescript, 'tsconfig.json'))) as { compilerOptions: Record<string, unknown> };
  Object.assign(tsconfig.compilerOptions, { allowJs: true, checkJs: true });
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  writeFileSync(path.join(dir, 'src/model.js'), model);
  writeFileSync(path.join(dir, 'src/app.js'), app);
  return dir;
}

/** The SDK calls of an emitted file, one a line. */
const sdkCalls = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim().startsWith('posthog.'))
    .map((line) => line.trim());

describe('JSDoc types in JavaScript are rewritten', () => {
  test.each([
    ['drop', 'piiguard.config.json'],
    ['pseudonymize', 'pseudonymize.config.json'],
  ])(
    'onUnapproved "%s": the calls of the TypeScript project, and the other tags',
    (mode, config) => {
      const dir = javascriptProject();
      const js = buildWithTscApi(dir, path.join(dir, 'out'), { config: path.join(dir, config) });
      expect(js.message).toBe('');
      const ts = buildWithTscApi(typescript, path.join(freshDir(`javascript-ts-${mode}`), 'out'), {
        config: path.join(typescript, config),
      });
      expect(ts.message).toBe('');
      const calls = sdkCalls(js.files.get('app.js')!);
      // saveProfile: as the TypeScript project's app.ts is emitted.
      const typescriptCalls = sdkCalls(ts.files.get('app.js')!).map((line) => line.replace(/ \/\/ \$ .*$/, ''));
      expect(typescriptCalls).toHaveLength(2);
      expect(calls.slice(0, 2)).toEqual(typescriptCalls);
      expect(calls.slice(2)).toEqual(
        mode === 'drop'
          ? ["posthog.capture('Invited', {});", 'posthog.identify(undefined);']
          : [
              `posthog.capture('Invited', { email: __piiguard.pseudonymize(email, "email") });`,
              'posthog.identify(__piiguard.pseudonymize(user.id, "user-id"));',
            ],
      );
    },
    60_000,
  );
});
