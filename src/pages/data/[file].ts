// Every open-data file (CSV, JSON, JSON Schema, datapackage.json), written at build time from
// the validated content. Language-neutral, so published once under /data/ only.
import type { APIRoute } from 'astro';
import { dataFiles } from '../../lib/opendata/index.ts';
import { siteData } from '../../lib/site.ts';

export const getStaticPaths = () => dataFiles(siteData()).map((f) => ({ params: { file: f.file }, props: { file: f } }));

export const GET: APIRoute = ({ props }) => {
  const f = props.file as ReturnType<typeof dataFiles>[number];
  return new Response(f.body(), { headers: { 'Content-Type': f.type } });
};
