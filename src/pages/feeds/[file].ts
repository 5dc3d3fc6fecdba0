// zh-Hant feeds: /feeds/rss.xml, /feeds/atom.xml, /feeds/feed.json.
import type { APIRoute, GetStaticPaths } from 'astro';
import { feedFiles, feedResponse, type FeedFile } from '../../lib/feeds.ts';
import { dataset, siteUrl } from '../../lib/opendata/index.ts';

export const getStaticPaths = (() => feedFiles.map((file) => ({ params: { file } }))) satisfies GetStaticPaths;
export const GET: APIRoute = ({ params, site }) => feedResponse(dataset(), 'zh-Hant', params.file as FeedFile, siteUrl(site));
