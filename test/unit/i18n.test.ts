import { describe, expect, it } from 'vitest';
import { collator, createRoutes, dictionaries, formatDate, formatDateTime, formatDelta, formatNumber, formatPercentChange, formatScore, LOCALE_FACTS, LOCALES, pick, siteLocales, t, text } from '../../src/i18n/index.ts';

const zhHant = dictionaries['zh-Hant'];
const en = dictionaries.en;

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
    for (const l of LOCALES) {
      expect(Object.keys(dictionaries[l]).sort(), l).toEqual(Object.keys(zhHant).sort());
      for (const [k, v] of Object.entries(dictionaries[l])) expect(v.trim(), `${l} ${k}`).not.toBe('');
    }
  });
  it('uses the same placeholders in every locale', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const l of LOCALES) for (const k of Object.keys(zhHant) as (keyof typeof zhHant)[]) expect(names(dictionaries[l][k]), `${l} ${k}`).toEqual(names(zhHant[k]));
  });
  it('writes Korean in Hangul, never in Chinese characters', () => {
    const han = Object.entries(dictionaries.ko).filter(([, v]) => /[\u4e00-\u9fff]/.test(v));
    expect(han).toEqual([]);
    expect(t('ko', 'nav.home')).toMatch(/[\uac00-\ud7a3]/);
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

describe('routes', () => {
  const all = createRoutes({ locales: ['zh-Hant', 'en', 'ko'], defaultLocale: 'zh-Hant' });
  it('puts the default locale at the root and the others under their segment', () => {
    expect(all.in('zh-Hant').home()).toBe('/');
    expect(all.in('en').home()).toBe('/en/');
    expect(all.in('ko').body('seoul')).toBe('/ko/bodies/seoul/');
    expect(() => all.localize('en', 'cycles/')).toThrow();
  });
  it('builds anchors with the same function pages use for ids', () => {
    expect(all.in('en').correction('joint-evaluation-2023', 'goal-6')).toBe('/en/corrections/#rev-joint-evaluation-2023-goal-6');
    expect(all.in('ko').resultInCycle('specific-evaluation-2024', 'moef')).toBe('/ko/cycles/specific-evaluation-2024/#r-moef');
  });
  it('parses a built path back to its locale and neutral path', () => {
    expect(all.parse('/en/')).toEqual({ locale: 'en', neutral: '/' });
    expect(all.parse('/ko/bodies/seoul/')).toEqual({ locale: 'ko', neutral: '/bodies/seoul/' });
    expect(all.parse('/bodies/seoul/')).toEqual({ locale: 'zh-Hant', neutral: '/bodies/seoul/' });
    expect(all.parse('/energy/')).toEqual({ locale: 'zh-Hant', neutral: '/energy/' });
  });
  it('lists alternates in every published locale, and static params for [...locale]', () => {
    expect(all.alternates('/cases/').map((a) => a.path)).toEqual(['/cases/', '/en/cases/', '/ko/cases/']);
    expect(all.localeParams().map((p) => p.params.locale)).toEqual([undefined, 'en', 'ko']);
  });
  it('works with another default locale, a subset of locales, and a base path', () => {
    const en = createRoutes({ locales: ['en', 'zh-Hant'], defaultLocale: 'en', base: '/results/' });
    expect(en.in('en').cycles()).toBe('/results/cycles/');
    expect(en.in('zh-Hant').cycles()).toBe('/results/zh-hant/cycles/');
    expect(en.dataFile('results.csv')).toBe('/results/data/results.csv');
    expect(en.parse('/results/zh-hant/cycles/')).toEqual({ locale: 'zh-Hant', neutral: '/cycles/' });
    expect(() => createRoutes({ locales: ['en'], defaultLocale: 'ko' })).toThrow(/default locale/);
  });
  it('reads the locales a site publishes from its settings', () => {
    expect(siteLocales({ locales: ['zh-Hant', 'en'], defaultLocale: 'en' })).toEqual({ locales: ['zh-Hant', 'en'], defaultLocale: 'en' });
  });
  it('names html languages per locale', () => {
    expect(LOCALE_FACTS['zh-Hant'].htmlLang).toBe('zh-Hant-TW');
    expect(LOCALE_FACTS.en.htmlLang).toBe('en');
    expect(LOCALE_FACTS.ko.htmlLang).toBe('ko-KR');
  });
});

describe('formatting', () => {
  it('shows zh-Hant dates in the Gregorian and ROC calendars, English in words', () => {
    expect(formatDate('zh-Hant', '2024-03-28')).toBe('2024年3月28日（民國113年3月28日）');
    expect(formatDate('en', '2024-03-28')).toBe('March 28, 2024');
    expect(formatDate('en', 'not a date')).toBe('not a date');
    expect(formatDate('ko', '2024-03-28')).toBe('2024년 3월 28일');
  });
  it('shows times in the site zone with the zone named', () => {
    expect(formatDateTime('en', '2026-12-01T21:37:16Z', 'Asia/Seoul')).toMatch(/December 2, 2026.*6:37.*GMT\+9/);
    expect(formatDateTime('zh-Hant', '2026-12-01T21:37:16Z', 'Asia/Taipei')).toMatch(/2026年12月2日.*5:37.*GMT\+8/);
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
