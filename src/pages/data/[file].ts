// Every open-data file (CSV, JSON, JSON Schema, datapackage.json), written at build time from
// the validated content. Language-neutral, so published once under /data/ only.
import type { APIRoute, GetStaticPaths } from 'astro';
import { dataFiles, siteUrl } from '../../lib/opendata/index.ts';

export const getStaticPaths = (() => dataFiles(siteUrl()).map((f) => ({ params: { file: f.file } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const f = dataFiles(siteUrl(site)).find((x) => x.file === params.file)!;
  return new Response(f.body(), { headers: { 'Content-Type': f.type } });
};
