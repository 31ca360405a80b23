import { defineRule } from './define.js';

export default defineRule({
  id: 'piiguard/unused-source',
  severity: 'warning',
  description: 'A source of the config matched nothing in the program: no such type and property, or no call of that function.',
  scope: 'program',
  editor: { none: 'only a run over the whole program knows that nothing in it matches an entry; the editor sees one file at a time' },
  build: 'ignore',
  wholeProgram: true,
  message: (d: { key: string; entry: string; reason: string }) => `${d.key} (${d.entry}) matched nothing: ${d.reason}`,
  docs: {
    meaning:
      'A source entry of the config names a type and property, or a function, that nothing in the program matches. Values it was written for are not tagged, so their flows fall back to the name heuristics (warnings) or are missed; a misspelt type or a type that moved is the usual cause.',
    example: `// piiguard.config.json
{ "sources": [{ "type": "Usr", "property": "email", "category": "email" }] } // reported: no type named Usr`,
    fix: 'Name the type (an interface, type alias, class, or a value such as a Drizzle table) and property as the program declares them, and `module` as the package users import; or remove the entry. `piiguard sources` lists what each entry tags.',
  },
});
