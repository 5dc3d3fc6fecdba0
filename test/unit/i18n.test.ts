import { describe, expect, it } from 'vitest';
import { collator, formatDate, formatDelta, formatNumber, formatPercentChange, formatScore, htmlLang, localePath, neutralPath, otherLocale, pick, t, text } from '../../src/lib/i18n.ts';
import { zhHant } from '../../src/i18n/zh-Hant.ts';
import { en } from '../../src/i18n/en.ts';

describe('t()', () => {
  it('returns the string of the locale', () => {
    expect(t('zh-Hant', 'nav.home')).toBe('首頁');
    expect(t('en', 'nav.home')).toBe('Home');
  });
  it('fills placeholders, every occurrence', () => {
    expect(t('en', 'cycle.title', { year: 2024, scheme: 'Joint evaluation' })).toBe('2024 Joint evaluation');
    expect(t('zh-Hant', 'cycle.title', { year: 2024, scheme: '聯合評估' })).toBe('2024 年聯合評估');
    expect(t('en', 'body.rankOf', { rank: 3, n: 46 })).toBe('3 of 46');
  });
  it('leaves an unfilled placeholder visible instead of blank', () => {
    expect(t('en', 'body.rankOf', { rank: 3 })).toBe('3 of {n}');
  });
  it('has the same keys in every locale, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhHant).sort());
    for (const [k, v] of [...Object.entries(en), ...Object.entries(zhHant)]) expect(v.trim(), k).not.toBe('');
  });
  it('uses the same placeholders in both locales', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(zhHant) as (keyof typeof zhHant)[]) expect(names(en[k]), k).toEqual(names(zhHant[k]));
  });
});

describe('localized content text', () => {
  it('picks the requested locale when present', () => {
    expect(pick({ 'zh-Hant': '首爾', en: 'Seoul' }, 'en')).toEqual({ text: 'Seoul', locale: 'en', fallback: false });
    expect(pick({ 'zh-Hant': '首爾', en: 'Seoul' }, 'zh-Hant')).toEqual({ text: '首爾', locale: 'zh-Hant', fallback: false });
  });
  it('falls back to zh-Hant, marked as a fallback, when English is missing', () => {
    expect(pick({ 'zh-Hant': '首爾' }, 'en')).toEqual({ text: '首爾', locale: 'zh-Hant', fallback: true });
    expect(text({ 'zh-Hant': '首爾' }, 'en')).toBe('首爾');
    expect(text(undefined, 'en')).toBe('');
  });
});

describe('paths and languages', () => {
  it('prefixes English paths with /en and leaves zh-Hant at the root', () => {
    expect(localePath('zh-Hant', '/')).toBe('/');
    expect(localePath('en', '/')).toBe('/en/');
    expect(localePath('en', '/cycles/x/')).toBe('/en/cycles/x/');
    expect(() => localePath('en', 'cycles/')).toThrow();
  });
  it('maps a path back to its locale-neutral form', () => {
    expect(neutralPath('/en/')).toBe('/');
    expect(neutralPath('/en/bodies/seoul/')).toBe('/bodies/seoul/');
    expect(neutralPath('/bodies/seoul/')).toBe('/bodies/seoul/');
    expect(neutralPath('/energy/')).toBe('/energy/');
  });
  it('names html languages and the other locale', () => {
    expect(htmlLang('zh-Hant')).toBe('zh-Hant-TW');
    expect(htmlLang('en')).toBe('en');
    expect(otherLocale('en')).toBe('zh-Hant');
    expect(otherLocale('zh-Hant')).toBe('en');
  });
});

describe('formatting', () => {
  it('shows zh-Hant dates in the Gregorian and ROC calendars, English in words', () => {
    expect(formatDate('zh-Hant', '2024-03-28')).toBe('2024年3月28日（民國113年3月28日）');
    expect(formatDate('en', '2024-03-28')).toBe('March 28, 2024');
    expect(formatDate('en', 'not a date')).toBe('not a date');
  });
  it('formats numbers with fixed decimals, grouping, signs', () => {
    expect(formatNumber('en', 1234.5)).toBe('1,234.50');
    expect(formatNumber('zh-Hant', 98.1)).toBe('98.10');
    expect(formatNumber('en', 3534, 0)).toBe('3,534');
    expect(formatScore('en', 93.4)).toBe('93.4');
    expect(formatScore('en', 100)).toBe('100');
    expect(formatDelta('en', 2.314)).toBe('+2.31');
    expect(formatDelta('en', -0.5)).toBe('−0.50');
    expect(formatDelta('en', 0)).toBe('±0.00');
    expect(formatPercentChange('en', -12.34)).toBe('−12.3%');
  });
  it('sorts zh-Hant names by stroke count', () => {
    const names = ['釜山廣域市', '首爾特別市', '大邱廣域市', '仁川廣域市'];
    // 大 3 strokes, 仁 4, 首 9, 釜 10
    expect([...names].sort(collator('zh-Hant').compare)).toEqual(['大邱廣域市', '仁川廣域市', '首爾特別市', '釜山廣域市']);
    expect(['b', 'a10', 'a9'].sort(collator('en').compare)).toEqual(['a9', 'a10', 'b']);
  });
});
