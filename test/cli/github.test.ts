/**
 * `--format github`: workflow commands that GitHub Actions turns into annotations. Each line is
 * checked whole, escaped as `@actions/core`'s `command.ts` escapes: in the message `%` → `%25`,
 * `\r` → `%0D`, `\n` → `%0A`; in a property value also `:` → `%3A` and `,` → `%2C`.
 */
import { describe, expect, test } from 'vitest';
import { runCli } from '../../analyzer/cli.js';
import { escapeData, escapeProperty, github } from '../../analyzer/reporters/github.js';
import type { Finding } from '../../core/findings.js';
import { emailToPosthog, fakeAnalyze, ipToConsole, makeIo, makeResult, tokenToSentry } from './helpers.js';

const ctx = { color: false, readFile: () => undefined };

describe('github reporter', () => {
  test('one ::error or ::warning line per finding with file, line, col and title, the trace in the message', () => {
    expect(github(makeResult([ipToConsole, tokenToSentry, emailToPosthog]), ctx)).toBe(
      '::error file=src/billing.ts,line=5,col=3,title=piiguard/secret-flow::credential reaches sentry raw; a credential may never reach a sink%0Afrom src/model.ts:7:3 (apiToken: Credential)%0Avia src/billing.ts:5:34 (token: user.apiToken)\n' +
        '::error file=src/signup.ts,line=8,col=3,title=piiguard/unapproved-flow::email reaches posthog (event "Signed Up") raw; no allow entry approves it%0Afrom src/model.ts:5:3 (email: Email)%0Avia src/signup.ts:7:9 (email = user.email)%0Avia src/signup.ts:8:74 (properties: { email })\n' +
        '::warning file=src/signup.ts,line=9,col=3,title=piiguard/untagged-pii::"ip" looks like ip-address (untagged) and reaches console raw%0Afrom src/signup.ts:6:36 (ip: string)\n',
    );
  });

  test('nothing at all when there is nothing to report', () => {
    expect(github(makeResult([]), ctx)).toBe('');
  });

  test('a finding without a trace is the message alone', () => {
    expect(github(makeResult([{ ...tokenToSentry, trace: [] }]), ctx)).toBe(
      '::error file=src/billing.ts,line=5,col=3,title=piiguard/secret-flow::credential reaches sentry raw; a credential may never reach a sink\n',
    );
  });

  test('paths from the repository root when the config lives in a package', () => {
    expect(github(makeResult([ipToConsole]), { ...ctx, baseDir: 'packages/app' })).toBe(
      '::warning file=packages/app/src/signup.ts,line=9,col=3,title=piiguard/untagged-pii::"ip" looks like ip-address (untagged) and reaches console raw%0Afrom packages/app/src/signup.ts:6:36 (ip: string)\n',
    );
  });

  test('text from the analysed code cannot end the command early: %, CR, LF in the message; also : and , in properties', () => {
    const odd: Finding = {
      ...emailToPosthog,
      message: 'email reaches posthog (event "100%\r\nDone") raw',
      event: '100%\r\nDone',
      location: { file: 'src/a,b:c%.ts', line: 2, column: 1 },
      trace: [{ file: 'src/m:1.ts', line: 1, column: 1, note: 'x: 50%' }],
    };
    expect(github(makeResult([odd]), ctx)).toBe(
      '::error file=src/a%2Cb%3Ac%25.ts,line=2,col=1,title=piiguard/unapproved-flow::email reaches posthog (event "100%25%0D%0ADone") raw%0Afrom src/m:1.ts:1:1 (x: 50%25)\n',
    );
  });

  test('the escapes of @actions/core, one by one', () => {
    expect(escapeData('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad:e,f');
    expect(escapeProperty('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad%3Ae%2Cf');
    // `%` first, so an escape already in the text is not read back as one.
    expect(escapeData('%0A')).toBe('%250A');
  });

  test('through the CLI: the annotations on stdout, exit 1 for the error', async () => {
    const io = makeIo();
    expect(await runCli(['check', '--format', 'github'], io, fakeAnalyze(makeResult([emailToPosthog])))).toBe(1);
    // The fake world runs in test/cli/__data__ inside this repository: paths from its root.
    expect(io.out()).toBe(
      '::error file=test/cli/__data__/src/signup.ts,line=8,col=3,title=piiguard/unapproved-flow::email reaches posthog (event "Signed Up") raw; no allow entry approves it%0Afrom test/cli/__data__/src/model.ts:5:3 (email: Email)%0Avia test/cli/__data__/src/signup.ts:7:9 (email = user.email)%0Avia test/cli/__data__/src/signup.ts:8:74 (properties: { email })\n',
    );
    expect(io.err()).toBe('');
  });
});
