// Writes test/schemaorg/vocabulary.json, the pinned schema.org vocabulary the build tests check the
// site's JSON-LD against (no network in tests): every core class with its superclasses and every
// core property with the classes it applies to and the types it takes, from a schema.org release
// file (`data/releases/<version>/schemaorg-current-https.jsonld` in the schemaorg/schemaorg repository,
// also served at https://schema.org/version/<version>/schemaorg-current-https.jsonld). Pending and
// retired terms are left out, so the site uses only settled ones. Re-run for a newer release:
//   npm run dev:schemaorg-vocabulary -- <schemaorg-current-https.jsonld> <version> <release date>
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../lib/cli.ts';

type Ref = { '@id': string };
interface Term {
  '@id': string;
  '@type': string | string[];
  'rdfs:subClassOf'?: Ref | Ref[];
  'schema:domainIncludes'?: Ref | Ref[];
  'schema:rangeIncludes'?: Ref | Ref[];
  'schema:isPartOf'?: Ref;
  'schema:supersededBy'?: Ref;
}

export interface Vocabulary {
  version: string;
  released: string;
  source: string;
  /** Class → its direct superclasses (data types included: Text, URL, Date, …). */
  classes: Record<string, string[]>;
  /** Property → the classes it applies to and the types its values may have. */
  properties: Record<string, { domain: string[]; range: string[] }>;
}

const list = (x: Ref | Ref[] | undefined) => (x === undefined ? [] : Array.isArray(x) ? x : [x]).map((r) => r['@id'].replace(/^schema:/, '')).filter((id) => !id.includes(':')).sort();

export function vocabularyOf(graph: Term[], version: string, released: string): Vocabulary {
  const core = graph.filter((t) => t['@id'].startsWith('schema:') && !t['schema:isPartOf'] && !t['schema:supersededBy']);
  const types = (t: Term) => (Array.isArray(t['@type']) ? t['@type'] : [t['@type']]);
  const classes: Vocabulary['classes'] = {};
  const properties: Vocabulary['properties'] = {};
  for (const t of core.sort((a, b) => (a['@id'] < b['@id'] ? -1 : 1))) {
    const name = t['@id'].slice('schema:'.length);
    if (types(t).includes('rdfs:Class')) classes[name] = list(t['rdfs:subClassOf']);
    else if (types(t).includes('rdf:Property')) properties[name] = { domain: list(t['schema:domainIncludes']), range: list(t['schema:rangeIncludes']) };
  }
  return { version, released, source: `schemaorg/schemaorg data/releases/${version}/schemaorg-current-https.jsonld (core terms only)`, classes, properties };
}

if (import.meta.main) {
  await runCli({
    command: 'npm run dev:schemaorg-vocabulary --',
    summary: 'Write test/schemaorg/vocabulary.json from a schema.org release file (schemaorg-current-https.jsonld).',
    usage: ['<schemaorg-current-https.jsonld> <version> <release date>'],
    options: {},
    positionals: { min: 3, max: 3 },
    help: ['The release file is in the schemaorg/schemaorg repository under data/releases/<version>/.'],
    run({ positionals: [file, version, released] }) {
      const graph = (JSON.parse(readFileSync(file!, 'utf8')) as { '@graph': Term[] })['@graph'];
      const v = vocabularyOf(graph, version!, released!);
      writeFileSync(new URL('../../test/schemaorg/vocabulary.json', import.meta.url), `${JSON.stringify(v, null, 1)}\n`);
      console.log(`schema.org ${version}: ${Object.keys(v.classes).length} classes, ${Object.keys(v.properties).length} properties`);
    },
  });
}
