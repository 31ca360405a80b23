/**
 * Encoders and decoders of the analysis's answers (fact cache, facts.ts): abstract values with
 * their traces and parameter references, and plain JSON answers.
 */
import type * as TS from 'typescript';
import type { Form } from '../taxonomy.js';
import type { Label, ParamRef, TraceKind, TraceRef, Value } from '../taint/value.js';
import { EMPTY } from '../taint/value.js';
import type { Codec, ProgramFacts } from './facts.js';
import type { NodeRef } from './node-ref.js';

/** What the encoders need of the fact cache: nodes to data and back (a package summary has its own). */
export type NodeNamer = Pick<ProgramFacts, 'ref' | 'node'>;

type TraceData = Array<[NodeRef, string, TraceKind]>;
interface LabelData {
  c: string;
  f: Form;
  o: Label['origin'];
  p: readonly string[];
  t: TraceData;
  n?: string;
  ex?: readonly string[];
}
export interface ParamRefData {
  fn: NodeRef;
  i: number;
  fr: readonly string[];
  at: readonly string[];
  fl: boolean;
  fo?: Form;
  t: TraceData;
  he?: LabelData;
  ge?: readonly string[];
}
interface ValueData {
  l?: LabelData[];
  r?: ParamRefData[];
  h?: Form;
}

const encodeTrace = (trace: readonly TraceRef[], facts: NodeNamer): TraceData =>
  trace.map((step) => [facts.ref(step.node), step.note, step.kind]);
const decodeTrace = (data: TraceData, facts: NodeNamer): TraceRef[] =>
  data.map(([ref, note, kind]) => ({ kind, node: facts.node(ref), note }));

const encodeLabel = (l: Label, facts: NodeNamer): LabelData => ({
  c: l.category,
  f: l.form,
  o: l.origin,
  p: l.path,
  t: encodeTrace(l.trace, facts),
  ...(l.name !== undefined ? { n: l.name } : {}),
  ...(l.except !== undefined ? { ex: l.except } : {}),
});

const decodeLabel = (l: LabelData, facts: NodeNamer): Label => ({
  category: l.c,
  form: l.f,
  origin: l.o,
  path: l.p,
  trace: decodeTrace(l.t, facts),
  ...(l.n !== undefined ? { name: l.n } : {}),
  ...(l.ex !== undefined ? { except: l.ex } : {}),
});

export function encodeParamRef(ref: ParamRef, facts: NodeNamer): ParamRefData {
  return {
    fn: facts.ref(ref.fn),
    i: ref.index,
    fr: ref.from,
    at: ref.at,
    fl: ref.flat,
    ...(ref.form ? { fo: ref.form } : {}),
    t: encodeTrace(ref.trace, facts),
    ...(ref.heuristic ? { he: encodeLabel(ref.heuristic, facts) } : {}),
    ...(ref.generalized ? { ge: ref.generalized } : {}),
  };
}

export function decodeParamRef(data: ParamRefData, facts: NodeNamer): ParamRef {
  return {
    fn: facts.node<TS.SignatureDeclaration>(data.fn),
    index: data.i,
    from: data.fr,
    at: data.at,
    flat: data.fl,
    ...(data.fo ? { form: data.fo } : {}),
    trace: decodeTrace(data.t, facts),
    ...(data.he ? { heuristic: decodeLabel(data.he, facts) } : {}),
    ...(data.ge ? { generalized: data.ge } : {}),
  };
}

/** The keys of a ParamRef and a Label the codec knows: a test compares them with the types' keys. */
export const ENCODED_PARAM_REF_KEYS = ['fn', 'index', 'from', 'at', 'flat', 'form', 'trace', 'heuristic', 'generalized'] as const;
export const ENCODED_LABEL_KEYS = ['category', 'form', 'origin', 'path', 'trace', 'name', 'except'] as const;
export const ENCODED_TRACE_KEYS = ['kind', 'node', 'note'] as const;

export const valueCodec: Codec<Value> = {
  encode(value, facts) {
    const data: ValueData = {};
    if (value.labels.length > 0) data.l = value.labels.map((l) => encodeLabel(l, facts));
    if (value.refs.length > 0) data.r = value.refs.map((r) => encodeParamRef(r, facts));
    if (value.hasher) data.h = value.hasher;
    return data;
  },
  decode(raw, facts) {
    const data = raw as ValueData;
    if (!data.l && !data.r && !data.h) return EMPTY;
    const labels: Label[] = (data.l ?? []).map((l) => decodeLabel(l, facts));
    const refs = (data.r ?? []).map((r) => decodeParamRef(r, facts));
    return data.h ? { labels, refs, hasher: data.h } : { labels, refs };
  },
};

/** A node or nothing (`getCalledFunction`). */
export function nodeCodec<T extends TS.Node>(): Codec<T | undefined> {
  return {
    encode: (node, facts) => (node ? facts.ref(node) : null),
    decode: (data, facts) => (data === null ? undefined : facts.node<T>(data as NodeRef)),
  };
}

/** Answers that are plain data already (a sink match, a flag); `undefined` is stored as null. */
export function dataCodec<T>(): Codec<T> {
  return {
    encode: (value) => (value === undefined ? null : value),
    decode: (data) => (data === null ? undefined : data) as T,
  };
}
