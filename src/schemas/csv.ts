import { z } from 'zod';

// Spreadsheet cells arrive as strings. These helpers turn them into typed values and
// explain, in the reader's terms, what was wrong with a cell.

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** An optional cell: empty → undefined. */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A number cell ("87.35"; empty means missing). */
export const csvNumber = z.preprocess(
  (v) => {
    const b = blankToUndefined(v);
    if (typeof b !== 'string') return b;
    const t = b.trim();
    return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : b;
  },
  z.number({
    error: (iss) => (iss.input === undefined ? 'is required' : `expected a number, got ${show(iss.input)}`),
  }),
);

/** Wrap a cell schema so an empty cell means "not given". */
export const csvOptional = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional());

/** A whole-number cell. */
export const csvInteger = csvNumber.pipe(z.number().int('must be a whole number'));

const truthy = new Set(['true', 'yes', 'y', '1', '是', '達成', 'o']);
const falsy = new Set(['false', 'no', 'n', '0', '否', '未達成', 'x']);
/** A yes/no cell: true/false, yes/no, 1/0, 是/否, 達成/未達成. */
export const csvBoolean = z.preprocess(
  (v) => {
    const b = blankToUndefined(v);
    if (typeof b !== 'string') return b;
    const t = b.trim().toLowerCase();
    return truthy.has(t) ? true : falsy.has(t) ? false : b;
  },
  z.boolean({
    error: (iss) => (iss.input === undefined ? 'is required' : `expected yes or no (true/false, 是/否), got ${show(iss.input)}`),
  }),
);

/** A text cell: trimmed; empty → undefined. Kept as text, never markup. */
export const csvText = z.preprocess((v) => (typeof v === 'string' ? blankToUndefined(v.trim()) : v), z.string().optional());
