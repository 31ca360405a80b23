import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isFormat, renderReport, reporters } from '../../analyzer/reporters/index.js';
import type { ReporterContext } from '../../analyzer/reporters/index.js';
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
      event, sink, form, category, message, severity, ruleId,
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
    expect(JSON.parse(a).findings.map((f: { location: { file: string; line: number } }) => `${f.location.file}:${f.location.line}`))
      .toEqual(['src/billing.ts:5', 'src/signup.ts:8', 'src/signup.ts:9']);
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
  test('prints a header, a code frame and the trace per finding, by file, then a summary', () => {
    const output = reporters.pretty(makeResult([ipToConsole, emailToPosthog, tokenToSentry]), plain);
    expect(output).toBe(`src/billing.ts:5:3  error  credential reaches sentry raw; a credential may never reach a sink  piiguard/secret-flow
  3 |
  4 | export function chargeFailed(user: User) {
> 5 |   Sentry.setContext('billing', { token: user.apiToken });
    |   ^
  6 | }
  trace: src/model.ts:7:3  apiToken: Credential
       → src/billing.ts:5:34  token: user.apiToken

src/signup.ts:8:3  error  email reaches posthog (event "Signed Up") raw; no allow entry approves it  piiguard/unapproved-flow
   6 | export function signUp(user: User, ip: string) {
   7 |   const email = user.email;
>  8 |   posthog.capture({ distinctId: user.id, event: 'Signed Up', properties: { email } });
     |   ^
   9 |   console.log('signed up from', ip);
  10 | }
  trace: src/model.ts:5:3  email: Email
       → src/signup.ts:7:9  email = user.email
       → src/signup.ts:8:74  properties: { email }

src/signup.ts:9:3  warning  "ip" looks like ip-address (untagged) and reaches console raw  piiguard/untagged-pii
   7 |   const email = user.email;
   8 |   posthog.capture({ distinctId: user.id, event: 'Signed Up', properties: { email } });
>  9 |   console.log('signed up from', ip);
     |   ^
  10 | }
  trace: src/signup.ts:6:36  ip: string

✖ 3 problems (2 errors, 1 warning)
`);
  });

  test('says so when there is nothing to report', () => {
    expect(reporters.pretty(makeResult([]), plain)).toBe('✔ no unapproved flows in 3 files\n');
    const oneFile = makeResult([]);
    oneFile.summary.files = 1;
    expect(reporters.pretty(oneFile, plain)).toBe('✔ no unapproved flows in 1 file\n');
  });

  test('counts in the singular', () => {
    expect(reporters.pretty(makeResult([ipToConsole]), plain)).toMatch(/\n✖ 1 problem \(0 errors, 1 warning\)\n$/);
  });

  test('prints the finding without a frame when the source cannot be read or has changed', () => {
    const moved = { ...ipToConsole, location: { file: 'src/gone.ts', line: 2, column: 1 }, trace: [] };
    const stale = { ...ipToConsole, location: { file: 'src/billing.ts', line: 40, column: 1 }, trace: [] };
    expect(reporters.pretty(makeResult([moved, stale]), plain)).toBe(
      `src/billing.ts:40:1  warning  "ip" looks like ip-address (untagged) and reaches console raw  piiguard/untagged-pii

src/gone.ts:2:1  warning  "ip" looks like ip-address (untagged) and reaches console raw  piiguard/untagged-pii

✖ 2 problems (0 errors, 2 warnings)
`,
    );
  });

  test('has no ANSI codes with colour off and colours severity, location and frame with it on', () => {
    const result = makeResult([emailToPosthog, ipToConsole]);
    expect(reporters.pretty(result, plain)).not.toContain(ESC);
    const coloured = reporters.pretty(result, { ...plain, color: true });
    expect(coloured).toContain(`${ESC}31merror${ESC}39m`);
    expect(coloured).toContain(`${ESC}33mwarning${ESC}39m`);
    expect(coloured).toContain(`${ESC}36msrc/signup.ts${ESC}39m`);
    expect(coloured).toContain(`${ESC}2mpiiguard/unapproved-flow${ESC}22m`);
    // the frame is highlighted too: the marker line's `>` is red and bold
    expect(coloured).toMatch(/\u001b\[31m\u001b\[1m>\u001b\[22m\u001b\[39m/);
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
    expect(pretty).toMatch(/\n✖ 1 problem \(1 error, 0 warnings\)\n$/);
    const json = JSON.parse(renderReport('json', result, { ...plain, quiet: true }));
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['piiguard/unapproved-flow']);
    expect(json.summary).toEqual({ files: 3, sinks: 3, flows: 2, errors: 1, warnings: 0 });
    expect(result.findings).toHaveLength(2); // the caller's result is left alone
  });

  test('only warnings and --quiet: the clean summary', () => {
    expect(renderReport('pretty', makeResult([ipToConsole]), { ...plain, quiet: true })).toBe(
      '✔ no unapproved flows in 3 files\n',
    );
  });

  test('formats come from the reporter map: every format SPEC §8 names', () => {
    expect(Object.keys(reporters)).toEqual(['pretty', 'json', 'sarif', 'github', 'markdown']);
    expect(isFormat('json')).toBe(true);
    expect(isFormat('toString')).toBe(false);
    expect(isFormat('xml')).toBe(false);
  });
});
