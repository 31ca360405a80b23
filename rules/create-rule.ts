import { ESLintUtils } from '@typescript-eslint/utils';

/** Every rule links to its page under docs/rules/. */
export const createRule = ESLintUtils.RuleCreator((name) => `https://github.com/piiguard/piiguard/blob/main/docs/rules/${name}.md`);
