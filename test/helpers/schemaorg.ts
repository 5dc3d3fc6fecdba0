// Checks JSON-LD against the pinned schema.org vocabulary in test/schemaorg/vocabulary.json (schema.org
// 30.0, core terms; written by scripts/dev/schemaorg-vocabulary.ts from the release file, so no test
// needs the network). A node is valid when its @type is a class, each property exists and applies
// to that class or a superclass, and each value has a type the property takes: a node of a class
// (or a subclass) in its range, text where it takes Text, a URL where it takes URL, an ISO 8601
// date where it takes Date, a boolean where it takes Boolean, a number where it takes Number.
import { readFileSync } from 'node:fs';

interface Vocabulary {
  version: string;
  classes: Record<string, string[]>;
  properties: Record<string, { domain: string[]; range: string[] }>;
}

export const vocabulary = JSON.parse(readFileSync(new URL('../schemaorg/vocabulary.json', import.meta.url), 'utf8')) as Vocabulary;

/** A class and every class above it. */
export function ancestors(type: string, v: Vocabulary = vocabulary): Set<string> {
  const out = new Set<string>();
  const visit = (t: string) => {
    if (out.has(t)) return;
    out.add(t);
    for (const s of v.classes[t] ?? []) visit(s);
  };
  visit(type);
  return out;
}

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const isAbsoluteUrl = (s: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};

/** Why a string does not fit a range, or undefined when it does. */
function stringFits(s: string, range: string[], v: Vocabulary): boolean {
  const kinds = new Set(range.flatMap((r) => [...ancestors(r, v)]));
  if (kinds.has('Text') && !range.every((r) => r === 'URL')) return s.trim().length > 0;
  if (range.includes('URL') && isAbsoluteUrl(s)) return true;
  if (range.includes('Date') && ISO_DATE.test(s)) return true;
  if (range.includes('DateTime') && (ISO_DATETIME.test(s) || ISO_DATE.test(s))) return true;
  // A URL standing for a node of a class the property takes (e.g. a ListItem's item): a reference by @id.
  return isAbsoluteUrl(s) && range.some((r) => v.classes[r] !== undefined && !['Text', 'URL', 'Date', 'DateTime', 'Time', 'Boolean', 'Number', 'Integer', 'Float'].includes(r));
}

/** Every problem of one node and the nodes inside it, as "path: reason". */
export function validateNode(node: unknown, path = '$', v: Vocabulary = vocabulary): string[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [`${path}: not a node`];
  const n = node as Record<string, unknown>;
  const type = n['@type'];
  if (typeof type !== 'string') return [`${path}: no @type`];
  if (!v.classes[type]) return [`${path}: @type ${type} is not a schema.org ${v.version} class`];
  const mine = ancestors(type, v);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(n)) {
    if (key.startsWith('@')) {
      if (key === '@id' && (typeof value !== 'string' || !isAbsoluteUrl(value))) problems.push(`${path}.@id: not an absolute URL`);
      continue;
    }
    const p = v.properties[key];
    if (!p) {
      problems.push(`${path}.${key}: not a schema.org ${v.version} property`);
      continue;
    }
    if (!p.domain.some((d) => mine.has(d))) problems.push(`${path}.${key}: does not apply to ${type} (only to ${p.domain.join(', ')})`);
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) problems.push(`${path}.${key}: empty list`);
    values.forEach((x, i) => {
      const at = Array.isArray(value) ? `${path}.${key}[${i}]` : `${path}.${key}`;
      if (typeof x === 'string') {
        if (!stringFits(x, p.range, v)) problems.push(`${at}: "${x.slice(0, 60)}" is not a ${p.range.join(' or ')}`);
      } else if (typeof x === 'boolean') {
        if (!p.range.includes('Boolean')) problems.push(`${at}: a boolean where ${p.range.join(' or ')} is expected`);
      } else if (typeof x === 'number') {
        if (!p.range.some((r) => ancestors(r, v).has('Number') || r === 'Number')) problems.push(`${at}: a number where ${p.range.join(' or ')} is expected`);
        else if (p.range.every((r) => r === 'Integer') && !Number.isInteger(x)) problems.push(`${at}: not an integer`);
      } else if (typeof x === 'object' && x !== null) {
        const inner = (x as Record<string, unknown>)['@type'];
        if (typeof inner === 'string' && v.classes[inner] && !p.range.some((r) => ancestors(inner, v).has(r))) problems.push(`${at}: a ${inner} where ${p.range.join(' or ')} is expected`);
        problems.push(...validateNode(x, at, v));
      } else {
        problems.push(`${at}: unexpected value ${JSON.stringify(x)}`);
      }
    });
  }
  return problems;
}

/** Every problem of a page's JSON-LD document: a schema.org context and a graph (or one node) of valid nodes. */
export function validateJsonLd(doc: unknown): string[] {
  if (typeof doc !== 'object' || doc === null) return ['$: not an object'];
  const d = doc as Record<string, unknown>;
  if (d['@context'] !== 'https://schema.org') return [`$.@context: ${JSON.stringify(d['@context'])}, not "https://schema.org"`];
  const nodes = '@graph' in d ? d['@graph'] : [{ ...d, '@context': undefined }];
  if (!Array.isArray(nodes) || nodes.length === 0) return ['$.@graph: not a list of nodes'];
  return nodes.flatMap((n, i) => validateNode(Object.fromEntries(Object.entries(n as object).filter(([k]) => k !== '@context')), `$.@graph[${i}]`));
}

/** The JSON-LD blocks of an HTML page, parsed. */
export function jsonLdBlocks(html: string): unknown[] {
  return [...html.matchAll(/<script[^>]*type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

/** The page without its JSON-LD data blocks (not scripts: browsers never run them). */
export const withoutJsonLd = (html: string) => html.replace(/<script[^>]*type="application\/ld\+json"[^>]*>[\s\S]*?<\/script>/g, '');
