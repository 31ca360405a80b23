/**
 * Key paths name a place in a written config the way a reader would type it in code:
 * `allow[2].expires`, `events["Signup Completed"].properties.userId`. Messages and
 * `LoadedConfig.locations` use the same spelling.
 */

export type KeyPath = readonly PropertyKey[];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function formatKeyPath(path: KeyPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/** The value at `path` in what the user wrote, or undefined when it is not there. */
export function getValueAt(root: unknown, path: KeyPath): unknown {
  let cursor = root;
  for (const segment of path) {
    if (cursor === null || typeof cursor !== 'object' || !Object.hasOwn(cursor, segment)) return undefined;
    cursor = (cursor as Record<PropertyKey, unknown>)[segment];
  }
  return cursor;
}

/**
 * Where `path` is in the document, as the positions of its keys in their objects and arrays,
 * so that problems can be listed in the order a reader meets them. A key that is not written
 * (a missing required one) sorts after its written siblings.
 */
export function getDocumentOrder(root: unknown, path: KeyPath): number[] {
  const order: number[] = [];
  let cursor = root;
  for (const segment of path) {
    if (Array.isArray(cursor) && typeof segment === 'number') {
      order.push(segment);
    } else if (cursor !== null && typeof cursor === 'object') {
      const position = Object.keys(cursor).indexOf(String(segment));
      order.push(position === -1 ? Number.MAX_SAFE_INTEGER : position);
    } else {
      order.push(Number.MAX_SAFE_INTEGER);
    }
    cursor = cursor !== null && typeof cursor === 'object' ? (cursor as Record<PropertyKey, unknown>)[segment] : undefined;
  }
  return order;
}

export function compareDocumentOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}
