// Open-data tables of closed citizen-panel rounds (content/panel-rounds): aggregates and bare
// receipt codes only, exactly what the round pages show; ballots themselves are never published.
import { z } from 'zod';
import { dataScopes, SOURCE_LOCALE, t } from '../../i18n/index.ts';
import { receiptCode } from '../../schemas/panelRound.ts';
import type { Dataset } from '../content/dataset.ts';
import { caseTitle } from '../labels.ts';
import { col, date, id, int, localized, lookups, optCount, perLocale, words, type Cell, type ColumnSpec, type TableSpec } from './columns.ts';

type Round = Dataset['panel']['rounds'][number];
type RoundResult = { round: Round; result: Round['results'][number] };
const scores = ['1', '2', '3', '4', '5'] as const;

export const roundResults: TableSpec<RoundResult> = {
  name: 'panel-round-results',
  primaryKey: ['round', 'case'],
  records: (ds) => ds.panel.rounds.flatMap((round) => round.results.map((result) => ({ round, result }))),
  order: (r) => r.round.id,
  columns(ds) {
    const { cases } = lookups(ds);
    const c = (name: string, schema: z.ZodType, value: (r: RoundResult) => Cell) => col('panel-round-results', name, schema, value);
    return [
      c('round', id(), (r) => r.round.id),
      ...localized<RoundResult>('panel-round-results', 'round_title', (r) => r.round.title),
      c('method', z.enum(['approval', 'score']), (r) => r.round.method),
      c('max_approvals', z.number().int().min(1).nullable(), (r) => r.round.maxApprovals ?? null),
      c('closed_on', date(), (r) => r.round.closesAt.slice(0, 10)),
      c('ballots', int().min(0), (r) => r.round.ballots),
      c('case', id(), (r) => r.result.case),
      ...perLocale<RoundResult>('panel-round-results', 'case_title', (r, l) => {
        const k = cases.get(r.result.case);
        return k ? caseTitle(k, l) : l === SOURCE_LOCALE ? r.result.case : null;
      }),
      c('approvals', optCount(), (r) => r.result.approvals ?? null),
      c('count', optCount(), (r) => r.result.count ?? null),
      c('mean', z.number().min(1).max(5).nullable(), (r) => r.result.mean ?? null),
      ...scores.map((s): ColumnSpec<RoundResult> => ({
        name: `score_${s}`,
        schema: optCount(),
        value: (r) => r.result.distribution?.[s] ?? null,
        about: (l) => t(l, 'data.col.panel-round-results.score', { score: s }),
      })),
    ];
  },
  scopes: () => (r) => [dataScopes.round(r.round.id)],
};

type Turnout = { round: Round; turnout: Round['turnout'][number] };
export const roundTurnout: TableSpec<Turnout> = {
  name: 'panel-round-turnout',
  primaryKey: ['round', 'category', 'value'],
  records: (ds) => ds.panel.rounds.flatMap((round) => round.turnout.map((turnout) => ({ round, turnout }))),
  order: (r) => r.round.id,
  columns: () => {
    const c = (name: string, schema: z.ZodType, value: (r: Turnout) => Cell) => col('panel-round-turnout', name, schema, value);
    return [
      c('round', id(), (r) => r.round.id),
      c('category', z.enum(['region', 'age', 'gender']), (r) => r.turnout.category),
      c('value', words(), (r) => r.turnout.value),
      c('voters', optCount(), (r) => r.turnout.voters), // null: suppressed (a cell under 5, or its complement)
      c('panel', optCount(), (r) => r.turnout.panel ?? null),
    ];
  },
  scopes: () => (r) => [dataScopes.roundCategory(r.round.id, r.turnout.category)],
};

type Receipt = { round: Round; receipt: string };
export const roundReceipts: TableSpec<Receipt> = {
  name: 'panel-round-receipts',
  primaryKey: ['round', 'receipt'],
  records: (ds) => ds.panel.rounds.flatMap((round) => round.receipts.map((receipt) => ({ round, receipt }))),
  order: (r) => r.round.id,
  columns: () => [
    col<Receipt>('panel-round-receipts', 'round', id(), (r) => r.round.id),
    col<Receipt>('panel-round-receipts', 'receipt', receiptCode, (r) => r.receipt),
  ],
  scopes: () => (r) => [dataScopes.round(r.round.id)],
};
