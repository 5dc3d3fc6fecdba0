// The deploy settings every production build needs, read from the environment (or a `.env`
// file at the repository root; `.env.example` lists every variable):
//   SITE_URL   where the site is published, e.g. https://results.example.gov — canonical links,
//              sitemap.xml, robots.txt, feeds and citations are absolute URLs on it.
//   BASE_PATH  optional: the path the site lives under on that host, e.g. /open-results for a
//              GitHub Pages project site (https://owner.github.io/open-results/). Every link,
//              asset, feed, sitemap entry and the search index go under it (src/i18n/routes.ts).
// A production build without SITE_URL stops with one line instead of publishing links to a
// placeholder host. `npm start` and the tests set a local one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseBase } from '../../src/i18n/routes.ts';

/** The setting is missing or malformed: one line saying what to set. */
export class DeploySettingsError extends Error {}

export interface DeploySettings {
  /** Origin the site is served from, without a trailing slash: https://results.example.gov */
  site: string;
  /** Base path ("" or "/open-results", no trailing slash). */
  base: string;
}

/** BASE_PATH, checked: "" or "/a/b" made of URL-safe segments. */
export function basePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = normaliseBase(env.BASE_PATH);
  if (base && !/^(\/[A-Za-z0-9._~-]+)+$/.test(base) || /\/\.\.?(\/|$)/.test(base)) {
    throw new DeploySettingsError(`BASE_PATH "${env.BASE_PATH}" must be a path like /open-results (letters, digits, . _ ~ - and /), or empty`);
  }
  return base;
}

/**
 * Read `.env` from `dir` into process.env, without overriding what the environment already sets
 * (also an explicitly empty value). Astro reads `.env` for PUBLIC_* variables on its own; this
 * makes the build scripts and staff commands see the same file.
 */
export function loadDotEnv(dir = process.cwd()): string | undefined {
  const file = join(dir, '.env');
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}

export function deploySettings(env: NodeJS.ProcessEnv = process.env): DeploySettings {
  const raw = env.SITE_URL?.trim();
  if (!raw) {
    throw new DeploySettingsError(
      'SITE_URL is not set: set it to the address the site is published at, e.g. SITE_URL=https://results.example.gov npm run build (docs/deploy.md)',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DeploySettingsError(`SITE_URL "${raw}" is not an absolute URL: write it as https://host (docs/deploy.md)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DeploySettingsError(`SITE_URL "${raw}" must start with https:// (or http:// for a local preview)`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new DeploySettingsError(`SITE_URL "${raw}" must be the site's origin only (https://host), without a path, query or fragment: put a path in BASE_PATH`);
  }
  return { site: url.origin, base: basePath(env) };
}
