/**
 * Nodes as plain data: a node is named by its file, its span and its kind, and found again in a
 * later program's copy of that file (the same text gives the same spans). What the fact cache
 * stores instead of `ts.Node`.
 */
import type * as TS from 'typescript';
import type { TypeScript } from '../typescript.js';

/** `[fileName, pos, end, kind]` — `kind` is only compared within one TypeScript copy. */
export type NodeRef = readonly [file: string, pos: number, end: number, kind: number];

export function toNodeRef(node: TS.Node): NodeRef | undefined {
  // Nodes the evaluator made itself (no position in a file) cannot be named.
  if (node.pos < 0 || node.end < node.pos) return undefined;
  const file = node.getSourceFile() as TS.SourceFile | undefined;
  if (!file) return undefined;
  return [file.fileName, node.pos, node.end, node.kind];
}

/** A node's key inside its file, for query keys. */
export function getSpanKey(node: TS.Node): string {
  return `${node.pos}:${node.end}:${node.kind}`;
}

/** Finds the node a ref names in `file` (walking down the spans that contain it), or undefined. */
export function findNode(ts: TypeScript, file: TS.SourceFile, pos: number, end: number, kind: number): TS.Node | undefined {
  if (file.pos === pos && file.end === end && file.kind === kind) return file;
  let current: TS.Node = file;
  for (;;) {
    let next: TS.Node | undefined;
    let found: TS.Node | undefined;
    const visit = (child: TS.Node): boolean => {
      if (child.pos === pos && child.end === end && child.kind === kind) {
        found = child;
        return true;
      }
      if (child.pos <= pos && end <= child.end && next === undefined) next = child;
      return false;
    };
    for (const doc of (current as { jsDoc?: TS.Node[] }).jsDoc ?? []) if (visit(doc)) return found;
    if (ts.forEachChild(current, visit, (nodes) => nodes.some(visit))) return found;
    if (found) return found;
    if (!next || next === current) return undefined;
    current = next;
  }
}
