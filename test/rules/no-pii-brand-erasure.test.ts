import path from 'node:path';
import rule from '../../rules/no-pii-brand-erasure.js';
import { createRuleTester } from './rule-tester.js';

const { ruleTester, project } = createRuleTester('rules/file-checks');
const filename = path.join(project, 'src/app.ts');
// piiguard.config.json there declares sha256Hex (hashed) and maskEmail (redacted) in ./src/privacy as sanitizers.
const privacy = path.join(project, 'src/privacy.ts');
const header = `import type { Email } from 'piiguard';
import type { CustomerEmail, User } from './model';
`;
/** A function body at line 4, after the header and the signature. */
const body = (...lines: string[]) => `${header}export function run(user: User, other: string) {
${lines.map((l) => `  ${l}`).join('\n')}
}
`;
const erasure = (line: number, column: number, category: string, construct: string, type = 'string') => ({
  messageId: 'erasure' as const,
  line,
  column,
  data: { category, construct, type },
});

ruleTester.run('no-pii-brand-erasure', rule, {
  valid: [
    // A count carries nothing of the email (SPEC §3: taint ends at .length).
    { filename, code: body('return user.email.length;') },
    // A comparison is a boolean: no content of the email.
    { filename, code: body('return user.email === other;') },
    // startsWith is a boolean test, like a comparison.
    { filename, code: body("return user.email.startsWith('admin');") },
    // The string operations end in a place typed Email: the brand is back where the value lands.
    { filename, code: body('const normalized: Email = user.email.trim().toLowerCase();', 'return normalized;') },
    // The annotated return type brands the result again.
    { filename, code: `${header}export function run(user: User): Email {\n  return user.email.trim();\n}\n` },
    // The parameter it is passed to is typed Email.
    { filename, code: `${header}function send(to: Email): void {}\nexport function run(user: User) {\n  send(\`\${user.email}\`);\n}\n` },
    // A cast back to Email keeps it visibly personal.
    { filename, code: body('return String(user.email) as Email;') },
    // A @pii type alias on the declaration keeps it visibly personal, though the alias erases to string.
    { filename, code: body('const mail: CustomerEmail = user.email;', 'return mail;') },
    // So does a @pii tag on the variable.
    { filename, code: body('/** @pii email */', 'const mail: string = user.email;', 'return mail;') },
    // Casting to the branded type, and copying without annotation, keep the brand.
    { filename, code: body('const mail = user.email as Email;', 'const copy = user.email;', 'return [mail, copy];') },
    // The plan is not tagged.
    { filename, code: body('return `${user.plan}`;') },
    // maskEmail is declared as a sanitizer in the config: dropping the brand is its job.
    {
      filename: privacy,
      code: `import type { Email } from 'piiguard';
export function maskEmail(email: Email): string {
  const [name, domain] = String(email).split('@');
  return \`\${name?.slice(0, 1)}***@\${domain}\`;
}
`,
    },
  ],
  invalid: [
    { filename, code: body('return user.email as string;'), errors: [erasure(4, 10, 'email', 'a cast')] },
    // One report for a chain of casts, where the brand goes.
    { filename, code: body('return user.email as unknown as string;'), errors: [erasure(4, 10, 'email', 'a cast')] },
    // A cast of a whole model drops the brands of every property.
    {
      filename,
      code: body('return user as unknown as Record<string, string>;'),
      errors: [erasure(4, 10, 'date-of-birth, email, free-text, phone, user-id', 'a cast', 'Record<string, string>')],
    },
    { filename, code: body('return String(user.id);'), errors: [erasure(4, 10, 'user-id', 'String()')] },
    { filename, code: body('return `mailto:${user.email}`;'), errors: [erasure(4, 10, 'email', 'a template literal')] },
    { filename, code: body("return 'tel:' + user.phone;"), errors: [erasure(4, 10, 'phone', 'a string concatenation')] },
    { filename, code: body('return user.email.toLowerCase();'), errors: [erasure(4, 10, 'email', 'toLowerCase()')] },
    // A chain of string methods is reported once, at the step that drops the brand.
    { filename, code: body('return user.email.trim().toLowerCase();'), errors: [erasure(4, 10, 'email', 'trim()')] },
    // Standard-library methods of other branded types too (DateOfBirth is string | Date).
    {
      filename,
      code: body('if (user.birthDate instanceof Date) return user.birthDate.toISOString();', 'return null;'),
      errors: [erasure(4, 46, 'date-of-birth', 'toISOString()')],
    },
    // Widening assignments: a declaration typed string, and a later assignment to a string variable.
    { filename, code: body('const mail: string = user.email;', 'return mail;'), errors: [erasure(4, 9, 'email', 'an assignment')] },
    {
      filename,
      code: body("let label = 'member';", 'label = user.email;', 'return label;'),
      errors: [erasure(5, 3, 'email', 'an assignment')],
    },
    // Passed to a parameter typed string, the template's result is plain: reported at the template.
    {
      filename,
      code: `${header}function send(to: string): void {}\nexport function run(user: User) {\n  send(\`\${user.email}\`);\n}\n`,
      errors: [erasure(5, 8, 'email', 'a template literal')],
    },
    // In the sanitizers' file, a function that the config does not declare is not exempt.
    {
      filename: privacy,
      code: `import type { Email } from 'piiguard';
export function domainOf(email: Email): string {
  return String(email).split('@')[1] ?? '';
}
`,
      errors: [erasure(3, 10, 'email', 'String()')],
    },
  ],
});
