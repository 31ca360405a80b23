/**
 * The bundler plugin's front end of the rewrite plan: edits over the original text with
 * magic-string, so the source map points every kept character back where it was.
 */
import type { default as MagicStringClass, SourceMap } from 'magic-string';
import { BUNDLER_PLUGIN_PEERS, requirePeer } from '../core/index.js';
import { renderGuardText, renderImportText, renderLiteral, renderWrapperText, type Edit, type FilePlan } from './plan.js';

// An optional peer dependency, as unplugin is (core/peer-dependencies.ts).
const MagicString = requirePeer<typeof import('magic-string')>(BUNDLER_PLUGIN_PEERS, 'magic-string').default;
type MagicString = MagicStringClass;

export interface RewrittenSource {
  code: string;
  map: SourceMap;
}

/** Applies a file's edits to `code` (the text the plan was made for). */
export function applyPlanToSource(code: string, plan: FilePlan, sourceName: string): RewrittenSource | undefined {
  if (plan.edits.length === 0) return undefined;
  const s = new MagicString(code);
  // Innermost first: an outer wrapper's opening then lands before an inner one's, its closing after.
  const edits = [...plan.edits].sort((a, b) => a.target.end - a.target.start - (b.target.end - b.target.start));
  const rt = plan.runtimeName;
  if (plan.addImport || plan.consentImport) s.appendLeft(plan.importAt, renderImportText(plan));
  for (const edit of edits) applyEdit(s, rt, edit, plan);
  return { code: s.toString(), map: s.generateMap({ hires: true, source: sourceName, includeContent: true }) };
}

function applyEdit(s: MagicString, rt: string, edit: Edit, plan: FilePlan): void {
  const { start, end } = edit.target;
  switch (edit.kind) {
    case 'guard':
      s.prependRight(start, `${edit.parenthesize ? '(' : ''}${renderGuardText(plan, edit.check)}`);
      if (edit.parenthesize) s.appendLeft(end, ')');
      return;
    case 'wrap':
    case 'minimize': {
      const call =
        edit.kind === 'wrap'
          ? renderWrapperText(rt, edit.wrapper, '\u0000')
          : `${rt}.minimize(${renderLiteral(edit.event)}, \u0000, ${renderLiteral({ properties: edit.plan.properties })})`;
      if (edit.shorthand !== undefined) {
        // `{ email }` → `{ email: rt.pseudonymize(email, "email") }`
        s.appendLeft(end, `: ${call.replace('\u0000', edit.shorthand)}`);
        return;
      }
      const [open, close] = call.split('\u0000') as [string, string];
      s.prependRight(start, open);
      s.appendLeft(end, close);
      return;
    }
    case 'drop':
      s.remove(edit.removal.start, edit.removal.end);
      return;
    case 'drop-value':
      s.overwrite(start, end, 'undefined');
      return;
  }
}
