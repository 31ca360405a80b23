/**
 * Consent guards in the build (SPEC §12): with `consent` and `"transform": true`, each sink call
 * whose purpose needs consent and that no consent check guards becomes `check(name) && call`, in
 * both front ends; a call already guarded is left as it is.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { BuildSession } from '../../transformer/session.js';
import { applyPlanToSource } from '../../transformer/source.js';
import { buildWithTscApi } from './builds.js';
import { fixtureEnv, fixtures, freshDir, read } from './helpers.js';

const app = path.join(fixtures, 'consent-guards');
const file = path.join(app, 'src/app.ts');

describe('consent guards', () => {
  test('the plugin guards the unguarded calls with the consent manager’s check, imported once', () => {
    const session = new BuildSession({ tsconfig: path.join(app, 'tsconfig.json'), env: fixtureEnv });
    const code = read(file);
    const plan = session.getFilePlan(file, code)!;
    expect(applyPlanToSource(code, plan, file)!.code).toBe(
      `import posthog from 'posthog-js';
import { acceptedCategory } from 'vanilla-cookieconsent';

export function onSignup(plan: string) {
  __piiguard_consent.acceptedCategory("analytics") && posthog.capture('Signed Up', { plan });
  if (acceptedCategory('analytics')) posthog.capture('Guarded', { plan });
  return (__piiguard_consent.acceptedCategory("analytics") && posthog.capture('Returned', { plan }));
}
`.replace(
        "import posthog from 'posthog-js';",
        'import * as __piiguard_consent from "vanilla-cookieconsent";import posthog from \'posthog-js\';',
      ),
    );
  });

  test('the transformer emits the same guards', () => {
    const result = buildWithTscApi(app, path.join(freshDir('consent-tsc'), 'out'));
    expect(result.message).toBe('');
    const emitted = result.files.get('app.js')!;
    expect(emitted).toContain('import * as __piiguard_consent from "vanilla-cookieconsent";');
    expect(emitted).toContain(`__piiguard_consent.acceptedCategory("analytics") && posthog.capture('Signed Up', { plan });`);
    expect(emitted).toContain(`if (acceptedCategory('analytics'))\n        posthog.capture('Guarded', { plan });`);
    expect(emitted).toContain(`return (__piiguard_consent.acceptedCategory("analytics") && posthog.capture('Returned', { plan }));`);
  });
});
