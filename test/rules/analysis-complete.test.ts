import path from 'node:path';
import { afterAll, beforeAll, describe, vi } from 'vitest';
import rule from '../../rules/analysis-complete.js';
import noUnapprovedPiiFlow from '../../rules/no-unapproved-pii-flow.js';
import { Evaluator } from '../../core/taint/evaluate.js';
import { createRuleTester } from './rule-tester.js';

const { ruleTester, project } = createRuleTester('analyzer/analysis-incomplete-bounds');
const filename = path.join(project, 'src/app.ts');
const header = `import type { FourteenDeep, Huge, TenDeep } from './model';
`;

ruleTester.run('analysis-complete', rule, {
  valid: [
    {
      // Ten levels deep is inside the bound: the email is found (an unapproved flow, another rule), nothing is cut.
      filename,
      code: `${header}export function report(ten: TenDeep) {
  console.log(ten);
}
`,
    },
  ],
  invalid: [
    {
      // Fourteen levels deep: the walk of the parameter's type was cut, said at the parameter.
      filename,
      code: `${header}export function report(deep: FourteenDeep) {
  console.log(deep);
}
`,
      errors: [
        {
          messageId: 'analysis-incomplete',
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 42,
          data: {
            message:
              'piiguard did not analyse this value completely: its type was searched 12 levels deep and goes deeper (bound type-depth)',
          },
        },
      ],
    },
    {
      // 2,100 properties: more than are searched.
      filename,
      code: `${header}export function report(huge: Huge) {
  console.log(huge);
}
`,
      errors: [
        {
          messageId: 'analysis-incomplete',
          line: 2,
          column: 24,
          data: {
            message:
              'piiguard did not analyse this value completely: its type has more than 2,000 properties, which are not searched (bound type-properties)',
          },
        },
      ],
    },
  ],
});

describe('an internal error while analysing a file', () => {
  // The evaluator fails on every value of one function: the analysis of its file stops there.
  const evaluate = Evaluator.prototype.evaluate;
  beforeAll(() => {
    vi.spyOn(Evaluator.prototype, 'evaluate').mockImplementation(function (this: Evaluator, node) {
      if (node.getText() === 'exploding') throw new Error('the evaluator exploded');
      return evaluate.call(this, node);
    });
  });
  afterAll(() => vi.restoreAllMocks());

  ruleTester.run('no-unapproved-pii-flow', noUnapprovedPiiFlow, {
    valid: [],
    invalid: [
      {
        // Reported on the file (never a clean file), at its first line.
        filename,
        code: `${header}export function report(exploding: TenDeep) {
  console.log(exploding);
}
`,
        errors: [
          {
            messageId: 'internal-error',
            line: 1,
            column: 1,
            data: { message: 'internal error while analysing this file: the evaluator exploded' },
          },
        ],
      },
    ],
  });
});
