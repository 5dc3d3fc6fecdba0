// Route only: the corrections-only RSS, Atom and JSON feeds of every published locale.
import type { APIRoute } from 'astro';
import { feedFiles, type FeedFile } from '../../../../i18n/routes.ts';
import { feedResponse } from '../../../../lib/feeds.ts';
import { localeStaticPaths, siteData } from '../../../../lib/site.ts';
import type { Locale } from '../../../../i18n/locales.ts';

export const getStaticPaths = () => localeStaticPaths(() => feedFiles.map((file) => ({ file })));
export const GET: APIRoute = ({ props }) => feedResponse(siteData(), props.locale as Locale, props.file as FeedFile, 'corrections');
