/**
 * The TypeScript compiler instance the core works with. The core never imports `typescript` at
 * run time: ts-morph, ESLint's parser and tsc each bring their own copy (and SyntaxKind numbers may
 * differ between copies), so every front end passes in the instance it uses (STYLE habit 6).
 */
export type TypeScript = typeof import('typescript');
