/**
 * Keys in client code (SPEC §12, `piiguard/exposed-key`): a pseudonym is only as secret as its key,
 * and whatever a browser bundle holds, anyone can read. Statically, client code is what the
 * bundler exposes by construction: a `'use client'` module, and environment variables that the
 * frameworks inline into client bundles (`import.meta.env.VITE_*`, `process.env.NEXT_PUBLIC_*` …).
 * Builds know their target and report more (transformer/target.ts).
 */
import type * as TS from 'typescript';
import type { TypeScript } from './typescript.js';
import { skipOuter } from './syntax.js';

/** Prefixes of the environment variables that Vite, Next.js, Create React App, Expo, Gatsby, Nuxt, SvelteKit and Astro put in client bundles. */
const PUBLIC_ENV_PREFIXES = ['VITE_', 'NEXT_PUBLIC_', 'REACT_APP_', 'EXPO_PUBLIC_', 'GATSBY_', 'NUXT_PUBLIC_', 'PUBLIC_'];

/** What the finding says to do instead. */
export const EXPOSED_KEY_ADVICE =
  'compute pseudonyms on the server and hand the client a Pseudonym<C>, or send events through piiguard/proxy (pseudonymization.proxy), which pseudonymizes with the server’s key';

export interface ExposedKey {
  node: TS.CallExpression;
  problem: string;
}

export interface ExposedKeyInput {
  ts: TypeScript;
  /** Calls of piiguard/runtime's `configure` and `pseudonymize` in the project's files. */
  configureCalls: readonly TS.CallExpression[];
  pseudonymizeCalls: readonly TS.CallExpression[];
  /** Whether the config names a collection proxy (then pseudonyms are the proxy's job). */
  hasProxy: boolean;
  /** Every file is client code (a browser build), not only `'use client'` modules. */
  client?: boolean;
}

export function findExposedKeys(input: ExposedKeyInput): ExposedKey[] {
  const { ts } = input;
  const out: ExposedKey[] = [];
  for (const call of input.configureCalls) {
    const key = getKeyExpression(ts, call);
    if (!key) continue;
    const variable = getPublicEnvName(ts, key);
    if (variable) {
      out.push({
        node: call,
        problem: `the pseudonymization key comes from ${variable}, which the bundler inlines into client code; anyone can read it from the bundle and reverse every pseudonym with a dictionary: ${EXPOSED_KEY_ADVICE}`,
      });
    } else if (input.client || isClientModule(ts, call.getSourceFile())) {
      out.push({
        node: call,
        problem: `client code ('use client') holds the pseudonymization key; anyone can read it from the bundle and reverse every pseudonym with a dictionary: ${EXPOSED_KEY_ADVICE}`,
      });
    }
  }
  if (!input.hasProxy) {
    for (const call of input.pseudonymizeCalls) {
      if (!input.client && !isClientModule(ts, call.getSourceFile())) continue;
      out.push({
        node: call,
        problem: `client code ('use client') calls pseudonymize(), which needs the key in the browser, where anyone can read it: ${EXPOSED_KEY_ADVICE}`,
      });
    }
  }
  return out;
}

/** `configure({ key: … })`: the key as written. */
function getKeyExpression(ts: TypeScript, call: TS.CallExpression): TS.Expression | undefined {
  const options = call.arguments[0] && skipOuter(ts, call.arguments[0]);
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  for (const property of options.properties) {
    if (ts.isPropertyAssignment(property) && property.name.getText() === 'key') return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === 'key') return property.name;
  }
  return undefined;
}

/** `import.meta.env.VITE_KEY`, `process.env.NEXT_PUBLIC_KEY` (through `??`, `||`, `String()` and casts): the variable's name. */
function getPublicEnvName(ts: TypeScript, node: TS.Expression): string | undefined {
  const e = skipOuter(ts, node);
  if (ts.isBinaryExpression(e)) return getPublicEnvName(ts, e.left) ?? getPublicEnvName(ts, e.right);
  if (ts.isCallExpression(e) && e.arguments.length === 1) return getPublicEnvName(ts, e.arguments[0]);
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return undefined;
  const name = ts.isPropertyAccessExpression(e)
    ? e.name.text
    : ts.isStringLiteralLike(e.argumentExpression)
      ? e.argumentExpression.text
      : undefined;
  if (name === undefined) return undefined;
  const owner = skipOuter(ts, e.expression).getText().replace(/\s+/g, '');
  if (owner === 'import.meta.env' && name !== 'SSR') return `import.meta.env.${name}`;
  if (/^(globalThis\.)?process\.env$/.test(owner) && PUBLIC_ENV_PREFIXES.some((prefix) => name.startsWith(prefix)))
    return `process.env.${name}`;
  return undefined;
}

/** A module with the `'use client'` directive (React Server Components: it runs in the browser). */
export function isClientModule(ts: TypeScript, file: TS.SourceFile): boolean {
  for (const statement of file.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === 'use client') return true;
  }
  return false;
}
