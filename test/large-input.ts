/**
 * Large valid code (issue 17), shared by the analyzer's and the transformer's tests: inputs above
 * the sizes that once overflowed the stack, well inside what tsc accepts. Each file sends an email
 * through one large shape into `console.log`, on the line given.
 */

export const largeInputTsconfig = {
  compilerOptions: {
    strict: true,
    module: 'esnext',
    moduleResolution: 'bundler',
    target: 'es2022',
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
  include: ['src'],
};

export const largeInputHead = `import type { Email } from 'piiguard';\nexport function f(e: Email, c: boolean) {\n`;
const head = largeInputHead;

/** File name → its code and the line of its `console.log` call; `call` is that call's argument. */
export const largeInputFiles: Record<string, { code: string; line: number; call: string }> = {
  // once: Maximum call stack size exceeded at ~2,200 operands
  'sum.ts': { code: `${head}  const s = ${Array(3000).fill('e').join(' + ')};\n  console.log(s);\n}\n`, line: 4, call: 's' },
  // once: the file named as an internal error (~830), its flow lost in ESLint
  'chain.ts': {
    code: `${head}  const a0 = e;\n${Array.from({ length: 1500 }, (_, i) => `  const a${i + 1} = a${i};`).join('\n')}\n  console.log(a1500);\n}\n`,
    line: 1504,
    call: 'a1500',
  },
  // once: a spread of 120,000 arguments
  'array.ts': { code: `${head}  const xs = [${Array(120_000).fill('1').join(',')}, e];\n  console.log(xs);\n}\n`, line: 4, call: 'xs' },
  // tsc parses about 600 levels of these; paths deeper than 16 were dropped in silence
  'parens.ts': {
    code: `${head}  console.log(${'('.repeat(550)}e${')'.repeat(550)});\n}\n`,
    line: 3,
    call: `${'('.repeat(550)}e${')'.repeat(550)}`,
  },
  'arrays.ts': {
    code: `${head}  console.log(${'['.repeat(550)}e${']'.repeat(550)});\n}\n`,
    line: 3,
    call: `${'['.repeat(550)}e${']'.repeat(550)}`,
  },
  'templates.ts': {
    code: `${head}  console.log(${'`a${'.repeat(550)}e${'}`'.repeat(550)});\n}\n`,
    line: 3,
    call: `${'`a${'.repeat(550)}e${'}`'.repeat(550)}`,
  },
  'ternary.ts': { code: `${head}  console.log(${'c ? 1 : '.repeat(1500)}e);\n}\n`, line: 3, call: `${'c ? 1 : '.repeat(1500)}e` },
};

/** Beyond TypeScript's parser (tsc overflows its stack too). */
export const unparsableObjects = `${head}  console.log(${'{ a: '.repeat(1500)}e${' }'.repeat(1500)});\n}\n`;
