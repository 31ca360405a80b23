import path from 'node:path';
import rule from '../../rules/no-weak-pii-hash.js';
import { createRuleTester } from './rule-tester.js';

const { ruleTester, project } = createRuleTester('rules/file-checks');
const filename = path.join(project, 'src/app.ts');
// piiguard.config.json declares sha256Hex in ./src/privacy as a sanitizer of form "hashed".
const header = `import { createHash, createHmac, webcrypto } from 'node:crypto';
import { pseudonymize } from 'piiguard/runtime';
import type { User } from './model';
import { sha256Hex } from './privacy';
`;
/** A function body at line 6, after the header and the signature. */
const body = (...lines: string[]) => `${header}export async function run(user: User, key: string) {
${lines.map((l) => `  ${l}`).join('\n')}
}
`;
const weak = (line: number, column: number, hash: string, category: string) => ({
  messageId: 'weakHash' as const,
  line,
  column,
  data: { hash, category, firstCategory: category },
});

ruleTester.run('no-weak-pii-hash', rule, {
  valid: [
    // An HMAC is keyed: without the key, no dictionary reverses it.
    { filename, code: body("return createHmac('sha256', key).update(user.email).digest('hex');") },
    // pseudonymize() first: what is hashed is already a keyed pseudonym.
    { filename, code: body("return createHash('sha256').update(pseudonymize(user.email, 'email')).digest('hex');") },
    // Free text is not a low-entropy category: there is no dictionary of bios.
    { filename, code: body('return sha256Hex(user.bio);') },
    // The plan is not tagged.
    { filename, code: body("return createHash('sha256').update(user.plan).digest('hex');") },
  ],
  invalid: [
    // Reported at the hash, though the hash goes nowhere near a sink.
    {
      filename,
      code: body("return createHash('sha256').update(user.email).digest('hex');"),
      errors: [weak(6, 10, 'createHash()', 'email')],
    },
    // The hasher held in a variable and fed in a statement.
    {
      filename,
      code: body("const hasher = createHash('sha256');", 'hasher.update(user.phone);', "return hasher.digest('hex');"),
      errors: [weak(7, 3, 'createHash()', 'phone')],
    },
    {
      filename,
      code: body("return webcrypto.subtle.digest('SHA-256', new TextEncoder().encode(user.email));"),
      errors: [weak(6, 10, 'crypto.subtle.digest()', 'email')],
    },
    // A user sanitizer declared with form "hashed", through a local.
    { filename, code: body('const id = user.id;', 'return sha256Hex(id);'), errors: [weak(7, 10, 'sha256Hex()', 'user-id')] },
    // A hash of a hash is reversed the same way: both hashes are reported.
    {
      filename,
      code: body("return sha256Hex(createHash('sha256').update(user.phone).digest('hex'));"),
      errors: [weak(6, 10, 'sha256Hex()', 'phone'), weak(6, 20, 'createHash()', 'phone')],
    },
  ],
});
