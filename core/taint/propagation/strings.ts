/** Strings, regular expressions and the encodings of text and bytes (`encodeURIComponent`, `btoa`, `Buffer.from`). */
import { ARGUMENT_0_TEXT, ARGUMENTS_TEXT, CLEAN, type Family, type MethodRow } from './summary.js';

/** A test or position (`startsWith`, `search`): no content. */
const clean = (method: string): MethodRow => ({ method, returns: CLEAN });
/**
 * The receiver's content, on receivers of type any or unknown (`req.body.email.trim()`); on typed
 * strings the general rule for the standard library gives the same.
 */
const text = (method: string): MethodRow => ({ method, returns: [{ from: 'receiver and arguments', flatten: true }], untypedOnly: true });
/** Text in, text out: `encodeURIComponent(email)`. */
const encoding = (name: string) => ({ name, call: [ARGUMENT_0_TEXT] });

export const strings: Family = {
  methods: [
    clean('startsWith'),
    clean('endsWith'),
    clean('search'),
    clean('localeCompare'),
    clean('charCodeAt'),
    clean('codePointAt'),
    clean('match'),
    clean('matchAll'),
    clean('test'),
    // email.split('@'): the pieces are text of the whole.
    { method: 'split', returns: [{ from: 'receiver', flatten: true, prefix: true }] },
    text('trim'),
    text('trimStart'),
    text('trimEnd'),
    text('replace'),
    text('replaceAll'),
    text('toString'),
    text('toLowerCase'),
    text('toUpperCase'),
    text('toLocaleLowerCase'),
    text('toLocaleUpperCase'),
    text('normalize'),
    text('padStart'),
    text('padEnd'),
    text('substring'),
    text('substr'),
    text('valueOf'),
    text('toJSON'),
    text('repeat'),
    text('charAt'),
  ],
  statics: [{ owner: 'Buffer', method: 'from', returns: [ARGUMENT_0_TEXT] }],
  globals: [
    { name: 'String', call: [ARGUMENT_0_TEXT], construct: [ARGUMENTS_TEXT] },
    encoding('encodeURIComponent'),
    encoding('encodeURI'),
    encoding('decodeURIComponent'),
    encoding('decodeURI'),
    encoding('escape'),
    encoding('unescape'),
    encoding('btoa'),
    encoding('atob'),
    { name: 'TextEncoder', construct: [ARGUMENTS_TEXT] },
    { name: 'Uint8Array', construct: [ARGUMENTS_TEXT] },
    { name: 'Blob', construct: [ARGUMENTS_TEXT] },
    { name: 'URL', construct: [ARGUMENTS_TEXT] },
    { name: 'URLSearchParams', construct: [ARGUMENTS_TEXT] },
  ],
};
