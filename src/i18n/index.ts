// The i18n module: every locale fact, string, format and localized path. Nothing outside
// src/i18n/ names a locale (test/unit/architecture.test.ts enforces it).
export * from './locales.ts';
export * from './t.ts';
export * from './text.ts';
export * from './format.ts';
export * from './routes.ts';
