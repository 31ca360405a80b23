// The hooks: the first ts-morph or @ts-morph/* module resolved is written to the record file.
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (/[\\/]node_modules[\\/](ts-morph|@ts-morph)[\\/]/.test(resolved.url))
    appendFileSync(file, `${specifier} from ${context.parentURL}\n`);
  return resolved;
}
