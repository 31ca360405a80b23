/**
 * piiguard's own TypeScript, for the front ends that load one (the CLI, the bundler plugins, the
 * ESLint rules' fallback); the core itself receives the `ts` it should use (STYLE.md, habit 6).
 * Loaded with `require`: an ESM `import` of typescript.js makes Node scan its 9 MB for named
 * exports first, which cost every process about half a second more.
 */
import { createRequire } from 'node:module';
import type * as TS from 'typescript';

export const ts = createRequire(import.meta.url)('typescript') as typeof TS;
