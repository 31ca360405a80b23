/**
 * `@pii` tags that name no category (`/** @pii e-mail *\/`): reported as
 * `piiguard/unknown-category` with the closest category, and never made a category of their own
 * (TypeSourceFinder.getJsDocCategory leaves them out).
 */
import type * as TS from 'typescript';
import { findClosestName } from './config/closest-name.js';
import { BUILTIN_CATEGORIES } from './taxonomy.js';
import type { TypeScript } from './typescript.js';
import { forEachDescendant } from './syntax.js';

export interface UnknownCategoryTag {
  /** The declaration (or other node) the tag's comment is on, where the finding is reported. */
  node: TS.Node;
  tag: string;
  /** The known category it most likely means. */
  closest: string | undefined;
}

/** Whether `name` is a built-in category or one the config declares. */
export function isKnownCategory(name: string, custom: Readonly<Record<string, unknown>>): boolean {
  return Object.hasOwn(BUILTIN_CATEGORIES, name) || Object.hasOwn(custom, name);
}

// The tag as getJsDocCategory reads it: `@pii <word>` inside a `/** … */` comment.
const TAG = /@pii\s+([A-Za-z0-9-]+)/g;

export function findUnknownCategoryTags(
  ts: TypeScript,
  file: TS.SourceFile,
  custom: Readonly<Record<string, unknown>>,
): UnknownCategoryTag[] {
  const text = file.text;
  if (!text.includes('@pii')) return [];
  const out: UnknownCategoryTag[] = [];
  const known = [...Object.keys(BUILTIN_CATEGORIES), ...Object.keys(custom)];
  // Comments are those before a node of the tree (as TypeScript attaches JSDoc), so `'@pii x'` in a
  // string is not a tag; each is reported at the outermost node it comes before (the declaration).
  const comments = new Map<number, TS.Node>();
  forEachDescendant(ts, file, (node) => {
    for (const range of [...(ts.getLeadingCommentRanges(text, node.pos) ?? []), ...(ts.getTrailingCommentRanges(text, node.pos) ?? [])]) {
      if (range.kind !== ts.SyntaxKind.MultiLineCommentTrivia || !text.startsWith('/**', range.pos) || comments.has(range.pos)) continue;
      comments.set(range.pos, node);
    }
  });
  for (const [start, node] of [...comments].sort(([a], [b]) => a - b)) {
    const comment = text.slice(start, text.indexOf('*/', start + 3) + 2);
    for (const match of comment.matchAll(TAG)) {
      const tag = match[1];
      if (!isKnownCategory(tag, custom)) out.push({ node, tag, closest: findClosestName(tag, known) });
    }
  }
  return out;
}
