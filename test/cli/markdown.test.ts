/** `--format markdown`: the summary a bot posts as a pull-request comment, checked byte for byte. */
import { describe, expect, test } from 'vitest';
import { MARKER, MAX_FINDINGS, markdown } from '../../analyzer/reporters/markdown.js';
import type { Finding } from '../../core/findings.js';
import { emailToPosthog, ipToConsole, makeResult, tokenToSentry } from './helpers.js';

const ctx = { color: false, readFile: () => undefined };

describe('markdown reporter', () => {
  test('a headline with the counts, a table by file and position, the traces folded, how to fix', () => {
    expect(markdown(makeResult([ipToConsole, emailToPosthog, tokenToSentry]), ctx)).toBe(`<!-- piiguard -->
### ❌ piiguard: 2 errors, 1 warning

| | Rule | Location | Finding |
| --- | --- | --- | --- |
| ❌ error | \`secret-flow\` | \`src/billing.ts:5:3\` | credential reaches sentry raw; a credential may never reach a sink |
| ❌ error | \`unapproved-flow\` | \`src/signup.ts:8:3\` | email reaches posthog (event "Signed Up") raw; no allow entry approves it |
| ⚠️ warning | \`untagged-pii\` | \`src/signup.ts:9:3\` | "ip" looks like ip-address (untagged) and reaches console raw |

<details><summary>Traces: where the data comes from</summary>

- \`src/billing.ts:5\` credential reaches sentry raw; a credential may never reach a sink
  - \`src/model.ts:7:3\` \`apiToken: Credential\`
  - \`src/billing.ts:5:34\` \`token: user.apiToken\`
- \`src/signup.ts:8\` email reaches posthog (event "Signed Up") raw; no allow entry approves it
  - \`src/model.ts:5:3\` \`email: Email\`
  - \`src/signup.ts:7:9\` \`email = user.email\`
  - \`src/signup.ts:8:74\` \`properties: { email }\`
- \`src/signup.ts:9\` "ip" looks like ip-address (untagged) and reaches console raw
  - \`src/signup.ts:6:36\` \`ip: string\`

</details>

Fix the flow, or approve it with an \`allow\` entry in the piiguard config (with a reason). \`npx piiguard explain <rule>\` tells how.
`);
  });

  test('a clean run is the marker and one line', () => {
    expect(markdown(makeResult([]), ctx)).toBe(`${MARKER}\n### ✅ piiguard: no unapproved flows in 3 files\n`);
  });

  test('only warnings: the warning sign and count, paths from the repository root', () => {
    const text = markdown(makeResult([ipToConsole]), { ...ctx, baseDir: 'packages/app' });
    expect(text.split('\n').slice(0, 6)).toEqual([
      MARKER,
      '### ⚠️ piiguard: 1 warning',
      '',
      '| | Rule | Location | Finding |',
      '| --- | --- | --- | --- |',
      '| ⚠️ warning | `untagged-pii` | `packages/app/src/signup.ts:9:3` | "ip" looks like ip-address (untagged) and reaches console raw |',
    ]);
    expect(text).toContain('  - `packages/app/src/signup.ts:6:36` `ip: string`\n');
  });

  test('text from the analysed code cannot break the table or inject markup', () => {
    const hostile: Finding = {
      ...emailToPosthog,
      message: 'email reaches posthog (event "a|b <img src=x> *bold* `tick`") raw',
      trace: [{ file: 'src/model.ts', line: 1, column: 1, note: 'x | `y`' }],
    };
    const text = markdown(makeResult([hostile]), ctx);
    expect(text).toContain(
      '| ❌ error | `unapproved-flow` | `src/signup.ts:8:3` | email reaches posthog (event "a\\|b &lt;img src=x&gt; \\*bold\\* \\`tick\\`") raw |\n',
    );
    // A code span that ends in a backtick is padded with a space each side, which CommonMark strips.
    expect(text).toContain('  - `src/model.ts:1:1` `` x \\| `y` ``\n');
  });

  test(`more than ${MAX_FINDINGS} findings: the first ${MAX_FINDINGS} listed, the rest counted (a comment holds 65,536 characters)`, () => {
    const many = Array.from({ length: MAX_FINDINGS + 7 }, (_, i): Finding => ({
      ...tokenToSentry,
      location: { file: 'src/billing.ts', line: i + 1, column: 3 },
      fingerprint: `f${i}`,
    }));
    const text = markdown(makeResult(many), ctx);
    expect(text).toContain('### ❌ piiguard: 57 errors\n');
    expect(text.match(/^\| ❌ error /gm)).toHaveLength(MAX_FINDINGS);
    expect(text).toContain(`\`src/billing.ts:${MAX_FINDINGS}:3\``);
    expect(text).not.toContain(`\`src/billing.ts:${MAX_FINDINGS + 1}:3\``);
    expect(text).toContain('\n… and 7 more findings: `npx piiguard check` lists them all.\n');
  });
});
