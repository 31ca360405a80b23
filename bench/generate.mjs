// Generates a synthetic TypeScript app of N modules for the benchmark: tagged models, cross-module
// imports, classes, helpers, an analytics wrapper two calls deep over posthog-js, a pino logger,
// and a known number of planted leaks (one raw email through the wrapper and one phone to the
// logger every LEAK_EVERY modules). Deterministic for a given N.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LEAK_EVERY = 25;

/** @returns {{ dir: string, leaks: Array<{ file: string, line: number, rule: string }> }} */
export function generateApp(dir, modules) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'src/models'), { recursive: true });
  mkdirSync(path.join(dir, 'src/features'), { recursive: true });
  const write = (file, text) => writeFileSync(path.join(dir, file), text);
  write(
    'tsconfig.json',
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          module: 'esnext',
          moduleResolution: 'bundler',
          target: 'es2022',
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
        },
        include: ['src'],
      },
      null,
      2,
    ),
  );
  write(
    'piiguard.config.json',
    JSON.stringify(
      {
        allow: [{ category: 'user-id', form: 'pseudonymized', sink: '*', events: '*', reason: 'pseudonymous analytics' }],
      },
      null,
      2,
    ),
  );
  write(
    'src/models/user.ts',
    `import type { Email, Phone, UserId } from 'piiguard';

export interface Address { city: string; country: string }
export interface User { id: UserId; email: Email; phone: Phone; plan: 'free' | 'pro'; visits: number; address: Address }
`,
  );
  write(
    'src/analytics.ts',
    `import posthog from 'posthog-js';
import pino from 'pino';

export const logger = pino().child({ app: 'bench' });

function send(event: string, properties: Record<string, unknown>): void {
  posthog.capture(event, { ...properties, build: 'bench' });
}

export function trackEvent(event: string, properties: Record<string, unknown> = {}): void {
  send(event, properties);
}
`,
  );
  const leaks = [];
  for (let i = 0; i < modules; i++) {
    const deps = [i - 1, i - 3, i - 17].filter((j) => j >= 0);
    const imports = deps.map((j) => `import { format${j}, Store${j} } from './m${j}';`).join('\n');
    const usesWrapper = i % 5 === 0;
    const leak = i % LEAK_EVERY === 0;
    const lines = [
      `import { pseudonymize } from 'piiguard/runtime';`,
      `import { logger, trackEvent } from '../analytics';`,
      `import type { User } from '../models/user';`,
      imports,
      ``,
      `export function format${i}(value: number, label: string): string {`,
      `  const parts = [value, value * 2, value + ${i}].map((n) => n.toFixed(1)).filter((s) => s.length > 0);`,
      `  return label.trim().toUpperCase() + ':' + parts.join('/');`,
      `}`,
      ``,
      `export class Store${i}<T extends { id: string }> {`,
      `  private readonly items = new Map<string, T>();`,
      `  add(item: T): void { this.items.set(item.id, item); }`,
      `  get size(): number { return this.items.size; }`,
      `  find(id: string): T | undefined { return this.items.get(id); }`,
      `}`,
      ``,
      `export function summarize${i}(user: User): string {`,
      `  const store = new Store${i}<{ id: string; n: number }>();`,
      `  store.add({ id: 'a${i}', n: user.visits });`,
      ...deps.map((j) => `  const from${j} = format${j}(user.visits, '${j}');`),
      `  return format${i}(store.size, user.plan)${deps.map((j) => ` + from${j}`).join('')};`,
      `}`,
      ``,
      `export function handle${i}(user: User): void {`,
      `  let label = user.email;`,
      `  label = 'member';`,
      usesWrapper
        ? `  trackEvent('Feature ${i} Used', { plan: user.plan, label, length: user.email.length, user: pseudonymize(user.id, 'user-id') });`
        : `  logger.debug({ plan: user.plan, label }, 'feature ${i}');`,
    ];
    if (leak) {
      lines.push(`  trackEvent('Feature ${i} Shared', { email: user.email });`);
      leaks.push({ file: `src/features/m${i}.ts`, line: lines.join('\n').split('\n').length, rule: 'piiguard/unapproved-flow' });
      lines.push(`  logger.info({ phone: user.phone }, 'sms');`);
      leaks.push({ file: `src/features/m${i}.ts`, line: lines.join('\n').split('\n').length, rule: 'piiguard/unapproved-flow' });
    }
    lines.push(`  void summarize${i}(user);`, `}`, ``);
    write(`src/features/m${i}.ts`, lines.join('\n'));
  }
  return { dir, leaks };
}
