// What a page costs a reader before any interaction: the JavaScript it loads eagerly (script
// tags, island component and renderer modules, and their static imports — not dynamic
// `import()`, which only runs on demand) and its HTML + CSS, each gzipped.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  /** gzip bytes of eagerly loaded JavaScript (inline scripts included). */
  js: number;
  /**
   * gzip bytes of that plus every module it can reach through dynamic `import()` (a panel island
   * imports its Supabase client on mount, so for panel pages this is what the page really loads).
   */
  jsWithLazy: number;
  /** gzip bytes of the HTML document plus its stylesheets. */
  htmlCss: number;
  /** JS files loaded eagerly, site paths. */
  scripts: string[];
  /** Number of `<script` tags a browser runs (JSON-LD data blocks are not counted). */
  scriptTags: number;
}

const gz = (b: Buffer | string) => gzipSync(b).length;
const attr = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!);
/** `<script>` tags a browser runs: not data blocks such as `<script type="application/ld+json">`. */
const EXECUTABLE_SCRIPT_TAG = /<script\b(?![^>]*\btype="application\/(?:ld\+)?json")/g;
const EXECUTABLE_INLINE = /<script(?![^>]*\bsrc=)(?![^>]*\btype="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g;

/** Astro islands of a page: their component and renderer modules and hydration directive. */
function islands(html: string): { component: string; renderer: string; client: string }[] {
  return [...html.matchAll(/<astro-island\b[^>]*>/g)].map((m) => ({
    component: /\bcomponent-url="([^"]+)"/.exec(m[0])?.[1] ?? '',
    renderer: /\brenderer-url="([^"]+)"/.exec(m[0])?.[1] ?? '',
    client: /\bclient="([^"]+)"/.exec(m[0])?.[1] ?? '',
  })).filter((i) => i.component);
}

/** hrefs of `<link rel="…">` tags, whatever the attribute order. */
function links(html: string, rel: string): string[] {
  return [...html.matchAll(/<link\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => new RegExp(`\\brel=["']?${rel}\\b`).test(tag))
    .map((tag) => /\bhref=["']?([^"'\s>]+)/.exec(tag)?.[1])
    .filter((h): h is string => !!h);
}

/** Site path of an URL found in a page (or module) at `from`. */
function sitePath(url: string, fromSitePath: string): string | undefined {
  if (/^(https?:)?\/\//.test(url) || url.startsWith('data:')) return undefined;
  if (url.startsWith('/')) return url.split(/[?#]/)[0];
  return resolve(dirname(fromSitePath), url).split(/[?#]/)[0];
}

/** Dynamic imports with a literal specifier (Vite emits ``import(`./a.js`)``); not computed ones. */
export function dynamicImports(code: string): string[] {
  return [...new Set([...code.matchAll(/\bimport\(\s*(["'`])([^"'`$]+)\1\s*\)/g)].map((m) => m[2]!))];
}

/** Static imports of an ES module's text (`import x from "../lib/a.js"`, `import "../lib/b.js"`, `export … from`). */
export function staticImports(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/\b(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']/g)) out.add(m[1]!);
  return [...out];
}

export function pageWeight(distDir: string, htmlSitePath: string): PageWeight {
  const file = (p: string) => join(distDir, p);
  const html = readFileSync(file(htmlSitePath.endsWith('.html') ? htmlSitePath : join(htmlSitePath, 'index.html')), 'utf8');
  const entry = [
    ...attr(html, /<script[^>]*\bsrc="([^"]+)"/g),
    ...links(html, 'modulepreload'),
    // Island code loads with the page unless the island waits for the reader (client:interaction).
    ...islands(html).filter((i) => i.client !== 'interaction').flatMap((i) => [i.component, i.renderer]),
  ];
  // Walk static imports from the entry modules; then, for jsWithLazy, keep walking through
  // dynamic imports too, starting from those the eager modules make.
  const seen = new Set<string>();
  const walk = (start: string[], followDynamic: boolean): { bytes: number; dynamic: string[] } => {
    const queue = start.slice();
    const dynamic: string[] = [];
    let bytes = 0;
    while (queue.length) {
      const p = queue.shift()!;
      if (seen.has(p) || !existsSync(file(p))) continue;
      seen.add(p);
      const code = readFileSync(file(p));
      bytes += gz(code);
      const text = code.toString('utf8');
      const lazy = dynamicImports(text).map((imp) => sitePath(imp, p)).filter((x): x is string => !!x);
      if (!followDynamic) dynamic.push(...lazy);
      for (const next of [...staticImports(text).map((imp) => sitePath(imp, p)), ...(followDynamic ? lazy : [])]) {
        if (next && !seen.has(next)) queue.push(next);
      }
    }
    return { bytes, dynamic };
  };
  const eagerWalk = walk(entry.map((u) => sitePath(u, htmlSitePath)).filter((p): p is string => !!p), false);
  const eager = [...seen];
  let js = eagerWalk.bytes;
  let lazy = walk(eagerWalk.dynamic, true).bytes;
  // JSON data blocks (a page's JSON-LD) are never run: not JavaScript.
  for (const inline of attr(html, EXECUTABLE_INLINE)) if (inline.trim()) js += gz(inline);
  lazy += js;
  let css = 0;
  for (const href of links(html, 'stylesheet')) {
    const p = sitePath(href, htmlSitePath);
    if (p && existsSync(file(p))) css += gz(readFileSync(file(p)));
  }
  return { js, jsWithLazy: lazy, htmlCss: gz(html) + css, scripts: eager, scriptTags: (html.match(EXECUTABLE_SCRIPT_TAG) ?? []).length };
}
