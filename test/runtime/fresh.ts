/**
 * A copy of piiguard/runtime that no other test file has touched (no key, no consent): test files
 * share a worker's modules (vitest's `isolate: false`), so one that needs the runtime's initial
 * state loads its own.
 */
import { vi } from 'vitest';

export type Runtime = typeof import('../../runtime/index.js');

export async function freshRuntime(): Promise<Runtime> {
  vi.resetModules();
  return import('../../runtime/index.js');
}
