/** `piiguard explain <rule>`: what the rule means, an example, how to fix or approve. */
import { describe, expect, test } from 'vitest';
import { runCli } from '../../analyzer/cli.js';
import { RULE_IDS } from '../../analyzer/explain.js';
import { RULES } from '../../core/findings.js';
import { makeIo } from './helpers.js';

async function explain(...args: string[]) {
  const io = makeIo();
  const code = await runCli(['explain', ...args], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

const RULE_LIST = RULE_IDS.map((id) => `  ${id}\n`).join('');

describe('piiguard explain', () => {
  test('secret-flow, in full', async () => {
    const { code, stdout, stderr } = await explain('secret-flow');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`piiguard/secret-flow  (error by default)

A credential reaches a sink.

A credential (password, token, API key, session id: category "credential") reaches a sink. Secrets never belong in telemetry, logs or error reports, in any form: a hashed or truncated token still leaks information, and logs are kept long and read widely.

Example:
  Sentry.setContext('billing', { token: user.apiToken }); // reported: credential reaches sentry raw

How to fix:
  Remove the value from the call. To tell sessions or keys apart in logs, send an id that is not itself a secret (a key id, a session number).

How to approve:
  It cannot be approved: a credential may reach no sink in any form, and an allow entry for the category "credential" is a config error.
`);
  });

  test('the rule id with or without the piiguard/ prefix', async () => {
    expect((await explain('piiguard/unapproved-flow')).stdout).toBe((await explain('unapproved-flow')).stdout);
  });

  test.each(RULE_IDS)('%s: meaning, default level, an example, a fix, and the approval for rules that have one', async (id) => {
    const { code, stdout } = await explain(id);
    expect(code).toBe(0);
    expect(
      stdout.startsWith(`${id}  (${RULES[id].severity} by default)\n\n${RULES[id].description}\n\n${RULES[id].docs.meaning}\n\nExample:\n`),
    ).toBe(true);
    expect(stdout).toContain('\nHow to fix:\n  ');
    expect(stdout.includes('\nHow to approve:\n  ')).toBe(RULES[id].docs.approve !== undefined);
    expect(RULES[id].docs.example.length).toBeGreaterThan(20);
  });

  test('unapproved-flow shows the allow entry to write', async () => {
    expect((await explain('unapproved-flow')).stdout).toContain(
      '  { "allow": [{ "category": "email", "form": "pseudonymized", "sink": "posthog", "events": ["Signed Up"],\n',
    );
  });

  test('an unknown rule: exit 2, the closest rule if one is close, and the list of rules', async () => {
    const { code, stdout, stderr } = await explain('secret-flows');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`piiguard explain: unknown rule 'secret-flows'. Did you mean 'secret-flow'? The rules are:\n${RULE_LIST}`);
    expect((await explain('piiguard/weak-hsh')).stderr).toBe(
      `piiguard explain: unknown rule 'piiguard/weak-hsh'. Did you mean 'weak-hash'? The rules are:\n${RULE_LIST}`,
    );
    expect((await explain('no-console')).stderr).toBe(`piiguard explain: unknown rule 'no-console'. The rules are:\n${RULE_LIST}`);
  });

  test('no rule, or two: exit 2 and the list of rules', async () => {
    for (const args of [[], ['weak-hash', 'secret-flow']]) {
      const { code, stderr } = await explain(...args);
      expect(code).toBe(2);
      expect(stderr).toBe(`piiguard explain: name one rule. The rules are:\n${RULE_LIST}`);
    }
  });
});

describe('piiguard explain <ESLint rule>', () => {
  test('an editor rule that shows check rules: its preset severity and what it shows', async () => {
    const io = makeIo();
    expect(await runCli(['explain', 'piiguard/data-minimization'], io)).toBe(0);
    expect(io.out()).toBe(`piiguard/data-minimization  (ESLint rule, 'warn' in configs.recommended)

Reports payloads that carry more than they need: quasi-identifiers together, properties the tracking plan drops.

It shows in the editor what piiguard check reports as:
  piiguard/quasi-identifiers  One event carries three or more quasi-identifiers together.
  piiguard/unplanned-property  With "transform": true, a tagged property that the tracking plan drops at run time.

Run 'piiguard explain <rule>' with one of those for what it means and how to fix or approve it.
`);
  });

  test("a check of the editor's own points to its page", async () => {
    const io = makeIo();
    expect(await runCli(['explain', 'no-pii-brand-erasure'], io)).toBe(0);
    expect(io.out()).toBe(`piiguard/no-pii-brand-erasure  (ESLint rule, 'warn' in configs.recommended)

Disallow dropping the PII brand of a tagged value outside a sanitizer.

A check of the editor's own (piiguard check has no rule of this name); its page is docs/rules/no-pii-brand-erasure.md.
`);
  });

  test('a misspelt ESLint rule name is suggested too', async () => {
    const io = makeIo();
    expect(await runCli(['explain', 'no-untaged-pii'], io)).toBe(2);
    expect(io.err()).toMatch(/^piiguard explain: unknown rule 'no-untaged-pii'\. Did you mean 'no-untagged-pii'\?/);
  });
});
