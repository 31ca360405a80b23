/**
 * The shape of a sink pack: one small data file per vendor (STYLE habit 4). The engine resolves
 * each call's callee to its declaration, names the package that declares it, and looks the
 * (package, owner, name) triple up in these tables.
 */
import type { Purpose } from '../taxonomy.js';

/** Where the event name of a call is: an argument index, or a property of an argument object. */
export type EventPosition = number | { arg: number; property: string };

export interface SinkCall {
  /**
   * The declared name of the function, method or property called: `capture`, `set_once`.
   * `()` names a call of a callable value itself (debug's `Debugger`, the global `gtag`).
   */
  name: string;
  /**
   * The interface, class or namespace that declares it, when the name alone is ambiguous
   * within the pack's packages (`People` for mixpanel's `people.set`, `Console` for console).
   */
  owner?: string;
  /**
   * Only when declared in this package of the pack's, or one of these (`@segment/analytics-node`'s
   * `track` takes one object; `@nestjs/common` declares more than its Logger).
   */
  package?: string | readonly string[];
  /** Where the event name is, if the call has one. */
  event?: EventPosition;
  /**
   * Only calls whose argument `arg` is one of these string literals are sinks
   * (`gtag('event' | 'set' | 'config', …)`).
   */
  when?: { arg: number; oneOf: string[] };
  /**
   * Only on this global of the pack's, whatever declares the call: `dataLayer.push(…)` is an
   * array's `push` in TypeScript's lib, and a sink because the array is Google Tag Manager's.
   */
  global?: string;
}

export interface SinkPack {
  /** The sink id used in findings and `allow` entries (SPEC §4). */
  id: string;
  /** Human name for reports. */
  vendor: string;
  /**
   * What the vendor receives data for (SPEC §12): with the config's `consent`, a call of a sink
   * whose purpose needs consent must be guarded by the consent check.
   */
  purpose: Purpose;
  /**
   * Packages whose declarations are this vendor's API: exact names or a scope glob (`@sentry/*`).
   * `@types/x` is matched as `x`. A declaration in one of TypeScript's default lib files is matched
   * by the package name `typescript` (for `console`). Empty for a vendor that ships only a snippet
   * (Heap): then its globals are all there is to match.
   */
  packages: string[];
  /**
   * Import specifiers for the fallback when the package's types are missing: a call on a binding
   * imported from one of these is matched by name alone.
   */
  importFallback?: string[];
  /**
   * Globals a vendor's snippet defines (`console`, `gtag`, `analytics`), matched by name when no
   * package declares the call: untyped, `any`, or typed by the project itself (`interface Window {
   * analytics: … }`). `window.analytics`, `globalThis.analytics` and `self.analytics` are the same.
   */
  globals?: string[];
  calls: SinkCall[];
}
