import { ts } from '../core/typescript-module.js';
import type * as TS from 'typescript';
import { FactStore, ParsedFiles } from '../core/index.js';

/**
 * What one process keeps between runs of `analyze()` (watch mode): the parsed files (re-parsed
 * when their modification time changes), the last program of each tsconfig, and its fact store.
 */
export class AnalysisSession {
  readonly files = new ParsedFiles(ts);
  readonly programs = new Map<string, TS.Program>();
  readonly stores = new Map<string, FactStore>();

  getStore(tsconfig: string): FactStore {
    let store = this.stores.get(tsconfig);
    if (!store) this.stores.set(tsconfig, (store = new FactStore()));
    return store;
  }
}
