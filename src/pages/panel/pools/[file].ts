// The pseudonymous pool of every published draw, downloadable as CSV (language-neutral, once).
import type { APIRoute } from 'astro';
import { formatPoolCsv } from '../../../lib/sortition/io.ts';
import { siteData } from '../../../lib/site.ts';

export const getStaticPaths = () => siteData().panel.draws.map((d) => ({ params: { file: `${d.id}.csv` }, props: { draw: d } }));

export const GET: APIRoute = ({ props }) => {
  const d = props.draw as ReturnType<typeof siteData>['panel']['draws'][number];
  return new Response(formatPoolCsv(d.pool, Object.keys(d.quotas).sort()), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
