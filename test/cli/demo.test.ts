/**
 * The first thing a user sees: `npm start` runs `piiguard check -p fixtures/demo/tsconfig.json`
 * from the repository root. Its whole pretty output is pinned here, so a change to it is a
 * change someone chose: one frame per call, each leaking value underlined, no fixture markers
 * in the code, and a summary naming what the check ran with.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyze, type AnalyzeResult } from '../../analyzer/analyze.js';
import { runCli } from '../../analyzer/cli.js';
import { reporters } from '../../analyzer/reporters/index.js';
import { listSourceFiles } from '../analyzer/expectations.js';
import { makeIo } from './helpers.js';

const repo = path.resolve(import.meta.dirname, '../..');
const demo = path.join(repo, 'fixtures/demo');
const TODAY = '2026-11-22';

let result: AnalyzeResult;
let run: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  // The real engine, asked what the CLI asks, with "today" fixed; its result serves every test here.
  const io = makeIo({ cwd: repo });
  const code = await runCli(['check', '-p', 'fixtures/demo/tsconfig.json'], io, {
    analyze: async (options) => (result = await analyze({ ...options, today: TODAY })),
  });
  run = { code, stdout: io.out(), stderr: io.err() };
});

describe('the demo, as npm start shows it', () => {
  test('exit 1, nothing on stderr, and this report', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`src/screens/checkout.ts:12:3
  10 |
  11 | export function onCheckoutCompleted(user: User, order: Order): void {
  12 |   captureServerEvent(pseudonymize(user.id, 'user-id'), 'Checkout Completed', {
  13 |     order_id: order.id,
  14 |     total_cents: order.totalCents,
> 15 |     region: postalPrefix(user.postalCode),
     |             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  16 |   });
  17 | }
  error  postal-code reaches posthog (event "Checkout Completed") generalized; allow[3] approved it until 2024-06-30  piiguard/expired-approval
         trace: src/model/user.ts:21:3  postalCode: PostalCode
              → src/analytics/server.ts:7:3  captureServerEvent → posthog.capture

src/screens/checkout.ts:20:3
  18 |
  19 | export function onDemographicsSaved(user: User): void {
> 20 |   captureServerEvent(pseudonymize(user.id, 'user-id'), 'Profile Completed', {
     |   ^^^^^^^^^^^^^^^^^^ quasi-identifiers
> 21 |     birth_date: String(user.birthDate),
     |                 ^^^^^^^^^^^^^^^^^^^^^^ date-of-birth
> 22 |     postal_code: user.postalCode,
     |                  ^^^^^^^^^^^^^^^ postal-code
> 23 |     gender: user.gender,
     |             ^^^^^^^^^^^ gender
  24 |   });
  25 | }
  warning  one posthog call (event "Profile Completed") carries 3 quasi-identifiers together (date-of-birth, gender, postal-code); combined they can single out a person  piiguard/quasi-identifiers
  error    date-of-birth reaches posthog (event "Profile Completed") raw; no allow entry approves it  piiguard/unapproved-flow
           trace: src/model/user.ts:20:3  birthDate: DateOfBirth
                → src/analytics/server.ts:7:3  captureServerEvent → posthog.capture
  error    postal-code reaches posthog (event "Profile Completed") raw; no allow entry approves it  piiguard/unapproved-flow
           trace: src/model/user.ts:21:3  postalCode: PostalCode
                → src/analytics/server.ts:7:3  captureServerEvent → posthog.capture
  error    gender reaches posthog (event "Profile Completed") raw; no allow entry approves it  piiguard/unapproved-flow
           trace: src/model/user.ts:22:3  gender: Pii<string, 'gender'>
                → src/analytics/server.ts:7:3  captureServerEvent → posthog.capture

src/screens/profile.ts:13:3
  11 | export function onProfileOpened(user: User): void {
  12 |   attachUser(user);
> 13 |   trackEvent('Profile Opened', { member_since: user.createdAt.getFullYear(), email_key: emailKey(user) });
     |                                                                                         ^^^^^^^^^^^^^^
  14 | }
  error  email reaches posthog (event "Profile Opened") hashed; an unkeyed hash of email is reversed by a dictionary — use pseudonymize(value, 'email')  piiguard/weak-hash
         trace: src/model/user.ts:17:3  email: Email
              → src/analytics/track.ts:7:3  trackEvent → posthog.capture

src/screens/signup.ts:10:3
   8 | export function onSignupCompleted(user: User): void {
   9 |   identify(pseudonymize(user.id, 'user-id'));
> 10 |   trackEvent('Signed Up', { plan: user.plan, email: user.email });
     |                                                     ^^^^^^^^^^
  11 |   log.info({ plan: user.plan }, 'signup completed');
  12 | }
  error  email reaches posthog (event "Signed Up") raw; no allow entry approves it  piiguard/unapproved-flow
         trace: src/model/user.ts:17:3  email: Email
              → src/analytics/track.ts:7:3  trackEvent → posthog.capture

src/screens/signup.ts:16:3
  14 | export function onPhoneVerified(user: User): void {
  15 |   if (!user.phone) return;
> 16 |   log.info(\`verified phone \${user.phone}\`);
     |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  17 | }
  error  phone reaches logger raw; no allow entry approves it  piiguard/unapproved-flow
         trace: src/model/user.ts:19:3  phone?: Phone

src/screens/support.ts:10:5
   8 |     trackEvent('Ticket Submitted', { priority: ticket.priority, length: ticket.body.length });
   9 |   } catch (error) {
> 10 |     reportError(error, { ticket: ticket.id, subject: ticket.subject, body: ticket.body });
     |                                                                            ^^^^^^^^^^^
  11 |   }
  12 | }
  error  free-text reaches sentry raw; no allow entry approves it  piiguard/unapproved-flow
         trace: src/model/ticket.ts:7:3  body: FreeText
              → src/observability/errors.ts:10:3  reportError → sentry.captureException

src/services/password-reset.ts:9:3
   7 |   const link = \`https://app.example/reset?token=\${reset.token}\`;
   8 |   mailer(reset.user.email, link);
>  9 |   log.debug({ link }, 'reset link sent');
     |               ^^^^
  10 |   log.info({ expires: reset.expiresAt.toISOString() }, 'reset requested');
  11 | }
  error  credential reaches logger raw; credentials may never leave the app, in any form  piiguard/secret-flow
         trace: src/model/user.ts:31:3  token: Credential

✖ 10 problems (9 errors, 1 warning) — fixtures/demo/piiguard.config.json, fixtures/demo/tsconfig.json · run \`piiguard explain <rule>\` for what a rule means
`);
  });

  test("the README's quick start shows a piece of it as it is", () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    const block = /\n## Quick start\n[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // The README leaves out the calls after `  …`; what it shows before and after is printed as is.
    const [head, tail] = block!.split('  …\n');
    expect(run.stdout).toContain(`\n\n${head}`);
    expect(tail).toMatch(/^\n✖ /);
    expect(run.stdout.endsWith(tail!)).toBe(true);
  });

  test("the demo's sources carry no fixture markers: its expectations are in expect.json", () => {
    const files = listSourceFiles(path.join(demo, 'src'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(readFileSync(file, 'utf8'), path.relative(repo, file)).not.toMatch(/\/\/\s*\$/);
    expect(JSON.parse(readFileSync(path.join(demo, 'expect.json'), 'utf8'))).toHaveLength(result.findings.length);
  });

  test('every finding of the demo has a span inside its call; the json output has none of them', () => {
    for (const finding of result.findings) {
      expect(finding.span, `${finding.location.file}:${finding.location.line} ${finding.ruleId}`).toBeDefined();
      const { span, location } = finding;
      expect(span!.line > location.line || (span!.line === location.line && span!.column >= location.column)).toBe(true);
    }
    const json = reporters.json(result, { color: false, readFile: () => undefined });
    expect(json).not.toMatch(/"span"|endColumn/);
    expect(JSON.parse(json).findings[0]).toEqual({
      ruleId: 'piiguard/expired-approval',
      severity: 'error',
      message: 'postal-code reaches posthog (event "Checkout Completed") generalized; allow[3] approved it until 2024-06-30',
      category: 'postal-code',
      form: 'generalized',
      sink: 'posthog',
      event: 'Checkout Completed',
      location: { file: 'src/screens/checkout.ts', line: 12, column: 3 },
      trace: [
        { file: 'src/model/user.ts', line: 21, column: 3, note: 'postalCode: PostalCode' },
        { file: 'src/analytics/server.ts', line: 7, column: 3, note: 'captureServerEvent → posthog.capture' },
      ],
      fingerprint: result.findings[0]!.fingerprint,
    });
  });
});
