/**
 * The TypeScript compiler instance the core works with. The core never imports `typescript` at
 * run time: ts-morph, ESLint's parser and tsc each bring their own copy (and SyntaxKind numbers may
 * differ between copies), so every front end passes in the instance it uses (STYLE habit 6).
 */
export type TypeScript = typeof import('typescript');

/**
 * One of TypeScript's default lib files (`lib.es5.d.ts`, `lib.dom.d.ts` …): under `typescript/lib/`,
 * or under a TypeScript 6 compatibility package that a TypeScript 7 project aliases `typescript`
 * to (`@typescript/typescript6` keeps its compiler in `@typescript/old/lib/`).
 */
export function isTypeScriptLibFile(fileName: string): boolean {
  return /[\\/](?:typescript|@typescript[\\/][^\\/]+)[\\/]lib[\\/]lib\.[^\\/]*\.d\.ts$/.test(fileName);
}
