// Every whole-dataset file (CSV, CSV for Excel, JSON, JSON Schema, datapackage.json), written at
// build time from the validated content. Language-neutral, so published once under /data/ only.
import type { APIRoute } from 'astro';
import { dataFiles, type DataFile } from '../../lib/opendata/index.ts';
import { siteData } from '../../lib/site.ts';

export const getStaticPaths = () => { const site = siteData(); return dataFiles(site).map((f) => ({ params: { file: f.path.slice(site.routes.dataFile('').length) }, props: { file: f } })); };

export const GET: APIRoute = ({ props }) => new Response((props.file as DataFile).body(), { headers: { 'Content-Type': (props.file as DataFile).type } });
