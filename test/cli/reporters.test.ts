import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatAliases, isFormat, renderReport, reporters, resolveFormat } from '../../analyzer/reporters/index.js';
import type { ReporterContext } from '../../analyzer/reporters/index.js';
import type { Finding } from '../../core/findings.js';
import { DATA_ROOT, emailToPosthog, ipToConsole, makeResult, tokenToSentry } from './helpers.js';

const readFile = (file: string) => {
  try {
    return readFileSync(path.join(DATA_ROOT, file), 'utf8');
  } catch {
    return undefined;
  }
};
const plain: ReporterContext = { color: false, readFile };
const ESC = '\u001b[';

describe('json reporter', () => {
  test('prints exactly the SPEC §7 object: keys in order, 2-space indent, trailing newline', () => {
    const output = reporters.json(makeResult([ipToConsole, emailToPosthog]), plain);
    expect(output).toBe(`{
  "tool": {
    "name": "piiguard",
    "version": "0.1.0"
  },
  "findings": [
    {
      "ruleId": "piiguard/unapproved-flow",
      "severity": "error",
      "message": "email reaches posthog (event \\"Signed Up\\") raw; no allow entry approves it",
      "category": "email",
      "form": "raw",
      "sink": "posthog",
      "event": "Signed Up",
      "location": {
        "file": "src/signup.ts",
        "line": 8,
        "column": 3
      },
      "trace": [
        {
          "file": "src/model.ts",
          "line": 5,
          "column": 3,
          "note": "email: Email"
        },
        {
          "file": "src/signup.ts",
          "line": 7,
          "column": 9,
          "note": "email = user.email"
        },
        {
          "file": "src/signup.ts",
          "line": 8,
          "column": 74,
          "note": "properties: { email }"
        }
      ],
      "fingerprint": "f0e1d2c3b4a59687"
    },
    {
      "ruleId": "piiguard/untagged-pii",
      "severity": "warning",
      "message": "\\"ip\\" looks like ip-address (untagged) and reaches console raw",
      "category": "ip-address",
      "form": "raw",
      "sink": "console",
      "event": null,
      "location": {
        "file": "src/signup.ts",
        "line": 9,
        "column": 3
      },
      "trace": [
        {
          "file": "src/signup.ts",
          "line": 6,
          "column": 36,
          "note": "ip: string"
        }
      ],
      "fingerprint": "0123456789abcdef"
    }
  ],
  "summary": {
    "files": 3,
    "sinks": 3,
    "flows": 2,
    "errors": 1,
    "warnings": 1
  }
}
`);
  });

  test('keeps SPEC key order even when the engine builds objects in another order', () => {
    // Same finding, keys shuffled: the output must not change by a byte.
    const { fingerprint, trace, location, event, sink, form, category, message, severity, ruleId } = emailToPosthog;
    const shuffled = {
      fingerprint,
      trace: trace.map(({ note, column, line, file }) => ({ note, column, line, file })),
      location: { column: location.column, line: location.line, file: location.file },
      event,
      sink,
      form,
      category,
      message,
      severity,
      ruleId,
    };
    const reference = reporters.json(makeResult([emailToPosthog]), plain);
    expect(reporters.json(makeResult([shuffled]), plain)).toBe(reference);
  });

  test('prints nothing run-dependent: no root, problems, timings or extra fields', () => {
    const result = makeResult([emailToPosthog], {
      root: '/home/someone/app',
      problems: [{ kind: 'unreadable-file', file: 'src/broken.ts', message: 'EACCES' }],
      timings: [{ phase: 'load project', ms: 1234.5 }],
    });
    const extra = { ...emailToPosthog, internalId: 42 } as typeof emailToPosthog;
    const output = reporters.json({ ...result, findings: [extra] }, plain);
    expect(JSON.parse(output)).toEqual(JSON.parse(reporters.json(makeResult([emailToPosthog]), plain)));
    expect(output).not.toMatch(/home|EACCES|broken|1234|timings|problems|root|internalId/);
    expect(Object.keys(JSON.parse(output))).toEqual(['tool', 'findings', 'summary']);
  });

  test('gives the same bytes whatever order the findings arrive in', () => {
    const a = reporters.json(makeResult([ipToConsole, emailToPosthog, tokenToSentry]), plain);
    const b = reporters.json(makeResult([tokenToSentry, ipToConsole, emailToPosthog]), plain);
    expect(a).toBe(b);
    expect(
      JSON.parse(a).findings.map((f: { location: { file: string; line: number } }) => `${f.location.file}:${f.location.line}`),
    ).toEqual(['src/billing.ts:5', 'src/signup.ts:8', 'src/signup.ts:9']);
  });

  test('an empty result is still the full object', () => {
    expect(JSON.parse(reporters.json(makeResult([]), plain))).toEqual({
      tool: { name: 'piiguard', version: '0.1.0' },
      findings: [],
      summary: { files: 3, sinks: 3, flows: 0, errors: 0, warnings: 0 },
    });
  });
});

describe('pretty reporter', () => {
  test('per call: where it is, the code frame with the value underlined, the finding and its trace; then a summary', () => {
    const output = reporters.pretty(makeResult([ipToConsole, emailToPosthog, tokenToSentry]), plain);
    expect(output).toBe(`src/billing.ts:5:3
  3 |
  4 | export function chargeFailed(user: User) {
> 5 |   Sentry.setContext('billing', { token: user.apiToken });
    |                                         ^^^^^^^^^^^^^
  6 | }
  error  credential reaches sentry raw; a credential may never reach a sink  piiguard/secret-flow
         trace: src/model.ts:7:3  apiToken: Credential
              → src/billing.ts:5:34  token: user.apiToken

src/signup.ts:8:3
   6 | export function signUp(user: User, ip: string) {
   7 |   const email = user.email;
>  8 |   posthog.capture({ distinctId: user.id, event: 'Signed Up', properties: { email } });
     |                                                                            ^^^^^
   9 |   console.log('signed up from', ip);
  10 | }
  error  email reaches posthog (event "Signed Up") raw; no allow entry approves it  piiguard/unapproved-flow
         trace: src/model.ts:5:3  email: Email
              → src/signup.ts:7:9  email = user.email
              → src/signup.ts:8:74  properties: { email }

src/signup.ts:9:3
   7 |   const email = user.email;
   8 |   posthog.capture({ distinctId: user.id, event: 'Signed Up', properties: { email } });
>  9 |   console.log('signed up from', ip);
     |                                 ^^
  10 | }
  warning  "ip" looks like ip-address (untagged) and reaches console raw  piiguard/untagged-pii
           trace: src/signup.ts:6:36  ip: string

✖ 3 problems (2 errors, 1 warning) · run \`piiguard explain <rule>\` for what a rule means
`);
  });

  test('a call with several findings: one frame, each value underlined and named, the findings in the order of their marks', () => {
    const source = `export function saveProfile(user: User) {
  track('Profile Saved', {
    birth_date: user.birthDate,
    postal_code: user.postalCode,
    gender: user.gender,
  });
}
`;
    const at = { file: 'src/profile.ts', line: 2, column: 3 };
    const flow = (category: string, span: Finding['span']): Finding => ({
      ...emailToPosthog,
      message: `${category} reaches posthog (event "Profile Saved") raw; no allow entry approves it`,
      category,
      event: 'Profile Saved',
      location: at,
      trace: [],
      fingerprint: category,
      span,
    });
    const quasi: Finding = {
      ...ipToConsole,
      ruleId: 'piiguard/quasi-identifiers',
      message: 'one posthog call (event "Profile Saved") carries 3 quasi-identifiers together',
      category: null,
      location: at,
      trace: [],
      span: { line: 2, column: 3, endLine: 2, endColumn: 8 },
    };
    const findings = [
      flow('postal-code', { line: 4, column: 18, endLine: 4, endColumn: 33 }),
      quasi,
      flow('gender', { line: 5, column: 13, endLine: 5, endColumn: 24 }),
      flow('date-of-birth', { line: 3, column: 17, endLine: 3, endColumn: 31 }),
    ];
    expect(reporters.pretty(makeResult(findings), { color: false, readFile: () => source })).toBe(`src/profile.ts:2:3
  1 | export function saveProfile(user: User) {
> 2 |   track('Profile Saved', {
    |   ^^^^^ quasi-identifiers
> 3 |     birth_date: user.birthDate,
    |                 ^^^^^^^^^^^^^^ date-of-birth
> 4 |     postal_code: user.postalCode,
    |                  ^^^^^^^^^^^^^^^ postal-code
> 5 |     gender: user.gender,
    |             ^^^^^^^^^^^ gender
  6 |   });
  7 | }
  warning  one posthog call (event "Profile Saved") carries 3 quasi-identifiers together  piiguard/quasi-identifiers
  error    date-of-birth reaches posthog (event "Profile Saved") raw; no allow entry approves it  piiguard/unapproved-flow
  error    postal-code reaches posthog (event "Profile Saved") raw; no allow entry approves it  piiguard/unapproved-flow
  error    gender reaches posthog (event "Profile Saved") raw; no allow entry approves it  piiguard/unapproved-flow

✖ 4 problems (3 errors, 1 warning) · run \`piiguard explain <rule>\` for what a rule means
`);
  });

  test('two values on one line get a row each; one value reported twice is marked once', () => {
    const source = "  track(isNew ? 'Signed Up' : 'Logged In', { email: user.email, phone: user.phone });\n";
    const at = { file: 'src/a.ts', line: 1, column: 3 };
    const email = { line: 1, column: 53, endLine: 1, endColumn: 63 };
    const findings: Finding[] = [
      {
        ...emailToPosthog,
        location: at,
        trace: [],
        event: 'Signed Up',
        message: 'email reaches posthog (event "Signed Up") raw',
        fingerprint: 'a',
        span: email,
      },
      {
        ...emailToPosthog,
        location: at,
        trace: [],
        event: 'Logged In',
        message: 'email reaches posthog (event "Logged In") raw',
        fingerprint: 'b',
        span: email,
      },
      {
        ...ipToConsole,
        location: at,
        trace: [],
        category: 'phone',
        message: '"phone" looks like phone (untagged)',
        span: { line: 1, column: 72, endLine: 1, endColumn: 82 },
      },
    ];
    expect(reporters.pretty(makeResult(findings), { color: false, readFile: () => source })).toBe(`src/a.ts:1:3
> 1 |   track(isNew ? 'Signed Up' : 'Logged In', { email: user.email, phone: user.phone });
    |                                                     ^^^^^^^^^^ email
    |                                                                        ^^^^^^^^^^ phone
  error    email reaches posthog (event "Signed Up") raw  piiguard/unapproved-flow
  error    email reaches posthog (event "Logged In") raw  piiguard/unapproved-flow
  warning  "phone" looks like phone (untagged)  piiguard/untagged-pii

✖ 3 problems (2 errors, 1 warning) · run \`piiguard explain <rule>\` for what a rule means
`);
  });

  test('a value over several lines is marked on its first; lines far from the call and its values are left out', () => {
    const source = [
      'export function verified(user: User) {',
      '  log.info({',
      '    step: 1,',
      '    of: 3,',
      '    at: Date.now(),',
      '    browser: navigator.userAgent,',
      '    locale: navigator.language,',
      '    message: `verified ${user.phone} at ${',
      '      new Date().toISOString()}`,',
      '  });',
      '}',
      '',
    ].join('\n');
    const finding: Finding = {
      ...emailToPosthog,
      message: 'phone reaches logger raw; no allow entry approves it',
      location: { file: 'src/verify.ts', line: 2, column: 3 },
      trace: [],
      span: { line: 8, column: 14, endLine: 9, endColumn: 32 },
    };
    expect(reporters.pretty(makeResult([finding]), { color: false, readFile: () => source })).toBe(`src/verify.ts:2:3
   1 | export function verified(user: User) {
   2 |   log.info({
   3 |     step: 1,
   4 |     of: 3,
   … |
   6 |     browser: navigator.userAgent,
   7 |     locale: navigator.language,
>  8 |     message: \`verified \${user.phone} at \${
     |              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   9 |       new Date().toISOString()}\`,
  10 |   });
  error  phone reaches logger raw; no allow entry approves it  piiguard/unapproved-flow

✖ 1 problem (1 error, 0 warnings) · run \`piiguard explain <rule>\` for what a rule means
`);
  });

  test('the underline keeps the tabs of the line, so it stays under the value', () => {
    const source = "function f(user: User) {\n\tif (user) {\n\t\ttrack('E', { email: user.email });\n\t}\n}\n";
    const finding: Finding = {
      ...emailToPosthog,
      location: { file: 'src/t.ts', line: 3, column: 3 },
      trace: [],
      span: { line: 3, column: 23, endLine: 3, endColumn: 33 },
    };
    const output = reporters.pretty(makeResult([finding]), { color: false, readFile: () => source });
    expect(output.split('\n').slice(3, 5)).toEqual([
      "> 3 | \t\ttrack('E', { email: user.email });",
      '    | \t\t                    ^^^^^^^^^^',
    ]);
  });

  test('without a span, or with one that is not in the file, the caret marks the location', () => {
    const source = "track('E', { email });\n";
    const noSpan: Finding = { ...emailToPosthog, location: { file: 'src/a.ts', line: 1, column: 1 }, trace: [], span: undefined };
    const outside: Finding = { ...noSpan, span: { line: 7, column: 1, endLine: 7, endColumn: 4 } };
    for (const finding of [noSpan, outside]) {
      expect(
        reporters
          .pretty(makeResult([finding]), { color: false, readFile: () => source })
          .split('\n')
          .slice(0, 3),
      ).toEqual(['src/a.ts:1:1', "> 1 | track('E', { email });", '    | ^']);
    }
  });

  test('says so when there is nothing to report', () => {
    expect(reporters.pretty(makeResult([]), plain)).toBe('✔ no unapproved flows in 3 files\n');
    const oneFile = makeResult([]);
    oneFile.summary.files = 1;
    expect(reporters.pretty(oneFile, plain)).toBe('✔ no unapproved flows in 1 file\n');
  });

  test('the summary names the config and tsconfigs it is given, or that there was no config', () => {
    const used = { config: 'piiguard.config.json', tsconfigs: ['tsconfig.json'] };
    expect(reporters.pretty(makeResult([]), { ...plain, used })).toBe(
      '✔ no unapproved flows in 3 files — piiguard.config.json, tsconfig.json\n',
    );
    expect(
      reporters
        .pretty(makeResult([ipToConsole]), { ...plain, used })
        .split('\n')
        .at(-2),
    ).toBe('✖ 1 problem (0 errors, 1 warning) — piiguard.config.json, tsconfig.json · run `piiguard explain <rule>` for what a rule means');
    expect(
      reporters.pretty(makeResult([]), { ...plain, used: { tsconfigs: ['packages/web/tsconfig.json', 'packages/api/tsconfig.json'] } }),
    ).toBe('✔ no unapproved flows in 3 files — no piiguard config, packages/web/tsconfig.json, packages/api/tsconfig.json\n');
  });

  test('counts in the singular', () => {
    expect(
      reporters
        .pretty(makeResult([ipToConsole]), plain)
        .split('\n')
        .at(-2),
    ).toBe('✖ 1 problem (0 errors, 1 warning) · run `piiguard explain <rule>` for what a rule means');
  });

  test('a run that only heuristics found anything in ends with a line saying CI passes on warnings and how to make them fail', () => {
    const heuristicOnly = makeResult([ipToConsole], { summary: { files: 3, sinks: 1, flows: 0, errors: 0, warnings: 1 } });
    expect(reporters.pretty(heuristicOnly, plain).split('\n').slice(-3)).toEqual([
      '✖ 1 problem (0 errors, 1 warning) · run `piiguard explain <rule>` for what a rule means',
      'Only heuristics found these (nothing tagged reached a sink), and CI passes on warnings: set "heuristics": "error" in the config, or tag the data (sources), to make them fail.',
      '',
    ]);
    // Once a tagged value reaches a sink, the tags are in use: no such line.
    const tagged = makeResult([ipToConsole, emailToPosthog], { summary: { files: 3, sinks: 2, flows: 1, errors: 1, warnings: 1 } });
    expect(reporters.pretty(tagged, plain)).not.toContain('Only heuristics');
  });

  test('prints the findings without a frame when the source cannot be read or has changed', () => {
    const moved = { ...ipToConsole, location: { file: 'src/gone.ts', line: 2, column: 1 }, trace: [] };
    const stale = { ...ipToConsole, location: { file: 'src/billing.ts', line: 40, column: 1 }, trace: [] };
    expect(reporters.pretty(makeResult([moved, stale]), plain)).toBe(
      `src/billing.ts:40:1
  warning  "ip" looks like ip-address (untagged) and reaches console raw  piiguard/untagged-pii

src/gone.ts:2:1
  warning  "ip" looks like ip-address (untagged) and reaches console raw  piiguard/untagged-pii

✖ 2 problems (0 errors, 2 warnings) · run \`piiguard explain <rule>\` for what a rule means
`,
    );
  });

  test('has no ANSI codes with colour off; with it on, the same text with severity, location, frame and marks coloured', () => {
    const result = makeResult([emailToPosthog, ipToConsole]);
    expect(reporters.pretty(result, plain)).not.toContain(ESC);
    const coloured = reporters.pretty(result, { ...plain, color: true });
    expect(coloured).toContain(`${ESC}31merror${ESC}39m`);
    expect(coloured).toContain(`${ESC}33mwarning${ESC}39m`);
    expect(coloured).toContain(`${ESC}36msrc/signup.ts${ESC}39m`);
    expect(coloured).toContain(`${ESC}2mpiiguard/unapproved-flow${ESC}22m`);
    // the marked line's `>` and the underline in the severity's colour, bold: red for an error, yellow for a warning
    expect(coloured).toContain(`${ESC}31m${ESC}1m>${ESC}22m${ESC}39m`);
    expect(coloured).toContain(`${ESC}31m${ESC}1m^^^^^${ESC}22m${ESC}39m`);
    expect(coloured).toContain(`${ESC}33m${ESC}1m^^${ESC}22m${ESC}39m`);
    // the code is highlighted (a string literal green)
    expect(coloured).toContain(`${ESC}32m'Signed Up'${ESC}39m`);
    // and the underline is placed from the text as written, not from the coloured line
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(reporters.pretty(result, plain));
  });

  test('escapes control characters that come from the analysed code', () => {
    const hostile = { ...ipToConsole, message: 'event "\u001b[2Jboom" reaches console', trace: [] };
    const output = reporters.pretty(makeResult([hostile]), { ...plain, readFile: () => undefined });
    expect(output).not.toContain('\u001b');
    expect(output).toContain('event "\\u001b[2Jboom" reaches console');
  });
});

describe('renderReport', () => {
  test('--quiet drops warnings from the findings and from the counts, in every format', () => {
    const result = makeResult([ipToConsole, emailToPosthog]);
    const pretty = renderReport('pretty', result, { ...plain, quiet: true });
    expect(pretty).not.toContain('  warning  ');
    expect(pretty).not.toContain('untagged-pii');
    expect(pretty.split('\n').at(-2)).toBe('✖ 1 problem (1 error, 0 warnings) · run `piiguard explain <rule>` for what a rule means');
    const json = JSON.parse(renderReport('json', result, { ...plain, quiet: true }));
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['piiguard/unapproved-flow']);
    expect(json.summary).toEqual({ files: 3, sinks: 3, flows: 2, errors: 1, warnings: 0 });
    expect(result.findings).toHaveLength(2); // the caller's result is left alone
  });

  test('only warnings and --quiet: the clean summary', () => {
    expect(renderReport('pretty', makeResult([ipToConsole]), { ...plain, quiet: true })).toBe('✔ no unapproved flows in 3 files\n');
  });

  test('formats come from the reporter map: every format SPEC §8 names', () => {
    expect(Object.keys(reporters)).toEqual(['pretty', 'json', 'sarif', 'github', 'markdown']);
    expect(isFormat('json')).toBe(true);
    expect(isFormat('toString')).toBe(false);
    expect(isFormat('xml')).toBe(false);
  });

  test("ESLint's names for its terminal formats stand for pretty; no other name is taken", () => {
    expect(formatAliases).toEqual({ stylish: 'pretty', codeframe: 'pretty' });
    for (const format of Object.keys(reporters)) expect(resolveFormat(format)).toBe(format);
    expect(resolveFormat('stylish')).toBe('pretty');
    expect(resolveFormat('codeframe')).toBe('pretty');
    for (const name of ['xml', 'junit', 'html', 'toString', 'constructor']) expect(resolveFormat(name)).toBeUndefined();
  });

  test('a span only moves the underline: the json, sarif, github and markdown output is the same byte for byte', () => {
    const withSpans = makeResult([emailToPosthog, ipToConsole, tokenToSentry]);
    const withoutSpans = makeResult(withSpans.findings.map(({ span: _span, ...finding }) => finding));
    expect(withSpans.findings.every((finding) => finding.span !== undefined)).toBe(true);
    for (const format of ['json', 'sarif', 'github', 'markdown'] as const) {
      const output = reporters[format](withSpans, plain);
      expect(output).toBe(reporters[format](withoutSpans, plain));
      expect(output).not.toMatch(/span|endColumn/);
    }
  });
});
