import { defineRule } from './define.js';

export default defineRule({
  id: 'piiguard/exposed-key',
  severity: 'error',
  description: 'A browser build would carry the pseudonymization key, or client code holds one, so anyone can reverse the pseudonyms.',
  scope: 'call',
  editor: {
    none: 'most of it is known only to the build (whether it targets a browser, what it would inline); `piiguard check` reports the keys that client code holds',
  },
  build: 'fail',
  message: (d: { problem: string }) => `${d.problem} (piiguard/exposed-key)`,
  docs: {
    meaning:
      "A pseudonym (keyed HMAC-SHA-256) is only as secret as its key. In a browser, the key is in the bundle for anyone to read, and with it every `pseudonymize(email)` is reversed with a dictionary — the weakness that `weak-hash` reports for unkeyed hashes. Reported by `piiguard check` where client code holds the key (a `configure({ key })` from a variable the bundler inlines into client code, `import.meta.env.VITE_*` or `process.env.NEXT_PUBLIC_*`, or any key in a `'use client'` module), and by the bundler plugins for a build that targets a browser: one that would inline `pseudonymization.key`/`keyEnv`, or that calls `pseudonymize` with no proxy.",
    example: `import { configure } from 'piiguard/runtime';
configure({ key: import.meta.env.VITE_PIIGUARD_KEY }); // reported: the key is inlined into the client bundle`,
    fix: "Pseudonymize on the server: it computes `pseudonymize(user.id, 'user-id')` with its key and hands the client the result, typed `Pseudonym<'user-id'>` (from `piiguard`), which piiguard judges pseudonymized; or send the SDK's events through `piiguard/proxy` (set `pseudonymization.proxy`), which applies the tracking plan with the server's key. Build the server with the key, the browser without.",
  },
});
