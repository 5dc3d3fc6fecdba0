// The text a reader of a page body sees (or hears from a screen reader), in the page's own
// language: text nodes plus alt, title, aria-label and placeholder, without scripts, styles, hidden
// elements, and without elements marked as written in another language (`lang="…"`), which
// the page labels as such (untranslated fallbacks, the language switch).
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW = new Set(['script', 'style', 'template', 'noscript']);
// Identifiers (table names, column names, codes) are not words of any language.
const CODE = new Set(['code', 'kbd', 'samp']);
const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

export function visibleText(html: string): string[] {
  const page = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? '';
  const out: string[] = [];
  // Stack of open elements: whether text inside them is skipped.
  const stack: { tag: string; skip: boolean }[] = [];
  const skipping = () => stack.some((e) => e.skip);
  const re = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s=>\/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|([^<]+)/g;
  const body = html.slice(html.indexOf('<body'));
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const [, close, rawTag, attrText = '', selfClose, textNode] = m;
    if (textNode !== undefined) {
      if (!skipping() && textNode.trim()) out.push(decode(textNode.trim()));
      continue;
    }
    if (!rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (close) {
      const i = stack.map((e) => e.tag).lastIndexOf(tag);
      if (i >= 0) stack.length = i;
      continue;
    }
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(attrText)?.[1];
    const lang = attr('lang');
    const skip = RAW.has(tag) || CODE.has(tag) || /\shidden(\s|=|$)/i.test(attrText) || attr('aria-hidden') === 'true' || (lang !== undefined && lang !== page);
    if (!skip && !skipping()) for (const a of ['alt', 'title', 'aria-label', 'placeholder']) if (attr(a)) out.push(decode(attr(a)!));
    if (VOID.has(tag) || selfClose) continue;
    if (RAW.has(tag)) {
      // Skip to the closing tag: raw text is not markup.
      const end = body.toLowerCase().indexOf(`</${tag}`, re.lastIndex);
      re.lastIndex = end < 0 ? body.length : end;
      continue;
    }
    stack.push({ tag, skip });
  }
  return out;
}
