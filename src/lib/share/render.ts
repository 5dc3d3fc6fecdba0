// Drawing one share image (1200 × 630 PNG, the size link previews expect): satori lays the card out
// as SVG with the text turned into outlines (fonts from npm, ./fonts.ts), resvg rasterises it.
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { fontsFor, type Script } from './fonts.ts';

export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;
/** Part of every cached image's key: bump it whenever card() draws differently, so no stale image is reused. */
export const CARD_LAYOUT_VERSION = 1;

/** What one image shows, already in its locale's words. */
export interface CardText {
  /** BCP 47 tag of the text (cards are drawn in groups of one language). */
  lang: string;
  /** The script its readers write in: the font made for it is preferred (Hangul in Noto Sans KR). */
  script: Script;
  /** Small line at the top: the site's name. */
  site: string;
  /** The large name: a body, a cycle, a case, a page type or the site. */
  title: string;
  /** The result line under it. */
  line: string;
  /** A grade shown large on the right. */
  grade?: string;
  /** The demo-data label, when the site shows demo data. */
  demo?: string;
  /** The site's host, bottom right. */
  host: string;
}

type Node = { type: string; props: { style?: Record<string, unknown>; children?: (Node | string)[] | Node | string } };
const el = (type: string, style: Record<string, unknown>, children?: Node['props']['children']): Node => ({ type, props: { style, ...(children === undefined ? {} : { children }) } });

// The site's design tokens (src/styles/global.css): text, muted, accent, warning.
const INK = '#0b0c0c';
const MUTED = '#505a5f';
const ACCENT = '#1d70b8';
const WARN_BG = '#fff4d6';
const WARN = '#b35a00';

function card(c: CardText): Node {
  const titleSize = c.title.length > 40 ? 52 : c.title.length > 22 ? 60 : 72;
  // keep-all: Korean and Chinese lines break between words, never inside "5위" or "92.37".
  // satori sizes boxes content-box: the padding and the top border are taken off the image's size.
  return el('div', { width: SHARE_IMAGE_SIZE.width - 2 * 64, height: SHARE_IMAGE_SIZE.height - 24 - 2 * 40, display: 'flex', flexDirection: 'column', justifyContent: 'space-between', backgroundColor: '#ffffff', borderTop: `24px solid ${ACCENT}`, paddingTop: 40, paddingBottom: 40, paddingLeft: 64, paddingRight: 64, color: INK, wordBreak: 'keep-all' }, [
    el('div', { display: 'flex', fontSize: 34, color: MUTED, fontWeight: 700 }, c.site),
    el('div', { display: 'flex', alignItems: 'center' }, [
      el('div', { display: 'flex', flexDirection: 'column', flexGrow: 1, flexShrink: 1, flexBasis: 0 }, [
        el('div', { display: 'flex', fontSize: titleSize, fontWeight: 700, lineHeight: 1.2 }, c.title),
        el('div', { display: 'flex', fontSize: 38, marginTop: 24, color: INK, lineHeight: 1.3 }, c.line),
      ]),
      ...(c.grade ? [el('div', { display: 'flex', flexShrink: 0, marginLeft: 48, width: 190, height: 190, alignItems: 'center', justifyContent: 'center', border: `8px solid ${INK}`, fontSize: c.grade.length > 2 ? 72 : 120, fontWeight: 700 }, c.grade)] : []),
    ]),
    el('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'center', fontSize: 28, color: MUTED }, [
      c.demo ? el('div', { display: 'flex', backgroundColor: WARN_BG, borderLeft: `8px solid ${WARN}`, color: INK, padding: '8px 16px' }, c.demo) : el('div', { display: 'flex' }, ''),
      el('div', { display: 'flex' }, c.host),
    ]),
  ]);
}

const allText = (c: CardText) => [c.site, c.title, c.line, c.grade ?? '', c.demo ?? '', c.host].join('');

/**
 * A renderer for many cards in one language (and so one script): the fonts covering all their text are chosen once and
 * passed as the same array every time, which satori keeps parsed (it caches by that array).
 */
export function cardRenderer(cards: CardText[]): (c: CardText) => Promise<Buffer> {
  const fonts = fontsFor(cards.map(allText).join(''), cards[0]?.script ?? 'latin');
  const family = [...new Set(fonts.map((f) => f.name))].join(', ');
  return async (c) => {
    const root = card(c);
    root.props.style!.fontFamily = family;
    const svg = await satori(root as Parameters<typeof satori>[0], { ...SHARE_IMAGE_SIZE, fonts });
    return new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
  };
}

/** The PNG of one card. */
export const renderCard = (c: CardText): Promise<Buffer> => cardRenderer([c])(c);
