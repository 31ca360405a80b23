import { defineRule } from './define.js';

export default defineRule({
  id: 'piiguard/unused-sink',
  severity: 'warning',
  description: 'A sink of the config matched no call in the program.',
  scope: 'program',
  editor: { none: 'only a run over the whole program knows that no call matches an entry; the editor sees one file at a time' },
  build: 'ignore',
  wholeProgram: true,
  message: (d: { key: string; entry: string }) => `${d.key} (${d.entry}) matched no call`,
  docs: {
    meaning:
      'A sink entry of the config names a function that no call of the program reaches, so nothing sent through it is checked. A wrong `module` (a file path where users import a package, or the other way round) or `call` is the usual cause.',
    example: `// piiguard.config.json
{ "sinks": [{ "id": "acme", "module": "./src/sdk", "call": "sendEvent" }] } // reported: the SDK's method is "send"`,
    fix: 'Name the module users import (a package, a path alias such as `@/lib/analytics`, or a path relative to the config) and the export path of the function (`track`, `default.capture`); or remove the entry. `piiguard sinks` lists the calls each entry matches.',
  },
});
