import { ESLintUtils } from '@typescript-eslint/utils';
import { getPackageFileUrl } from '../core/index.js';

/** Every rule links to its page under docs/rules/, which ships in the package (core/package-urls.ts). */
export const createRule = ESLintUtils.RuleCreator((name) => getPackageFileUrl(`docs/rules/${name}.md`));
