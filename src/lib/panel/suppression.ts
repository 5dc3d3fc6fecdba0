// Small-cell suppression for published turnout. A turnout cell (counted ballots from one stratum)
// below MIN_CELL is not published; and because every category adds up to the published number
// of ballots, and each cell cannot exceed the panel's size in that stratum, further cells are
// suppressed (complementary suppression) until no suppressed cell can be worked out exactly from
// what is published.

/** Cells with fewer counted ballots than this are never published. */
export const MIN_CELL = 5;

export interface TurnoutCell {
  category: string;
  value: string;
  /** Counted ballots from the stratum. */
  voters: number;
  /** Panel members in the stratum (public: from the draw record), the most the cell can hold. */
  panel?: number;
}

export interface PublishedCell extends Omit<TurnoutCell, 'voters'> {
  /** null = suppressed. */
  voters: number | null;
}

/**
 * The values a suppressed cell can take given what is published: `total` ballots in the category,
 * the published cells, and each suppressed cell's cap (its panel size, else the total).
 */
export function feasibleRange(cells: PublishedCell[], total: number, index: number): [number, number] {
  const published = cells.reduce((n, c) => n + (c.voters ?? 0), 0);
  const rest = total - published;
  const cap = (c: PublishedCell) => Math.min(c.panel ?? total, total);
  const others = cells.reduce((n, c, i) => n + (c.voters === null && i !== index ? cap(c) : 0), 0);
  return [Math.max(0, rest - others), Math.min(cap(cells[index]!), rest)];
}

/** Suppress one category's cells (all of the same category) so that no small cell can be recovered. */
function suppressCategory(cells: TurnoutCell[], total: number, minCell: number): PublishedCell[] {
  const out: PublishedCell[] = cells.map((c) => ({ ...c, voters: c.voters < minCell ? null : c.voters }));
  const secret = new Set(cells.flatMap((c, i) => (c.voters < minCell ? [i] : [])));
  if (secret.size === 0) return out;
  for (;;) {
    // A small cell is exposed when what is published pins it to one value.
    const exposed = out.some((c, i) => {
      if (!secret.has(i)) return false;
      const [lo, hi] = feasibleRange(out, total, i);
      return lo === hi;
    });
    if (!exposed) return out;
    // Suppress the smallest published cell as well (ties: value order), then look again.
    const next = out
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.voters !== null)
      .sort((a, b) => a.c.voters! - b.c.voters! || (a.c.value < b.c.value ? -1 : a.c.value > b.c.value ? 1 : 0))[0];
    if (!next) return out; // everything is suppressed already
    out[next.i]!.voters = null;
  }
}

/**
 * Published turnout: every category's cells with small ones suppressed, and enough others
 * suppressed that none of them can be recovered from the total and the panel sizes.
 */
export function suppressTurnout(cells: TurnoutCell[], total: number, minCell = MIN_CELL): PublishedCell[] {
  const categories = [...new Set(cells.map((c) => c.category))];
  const byCategory = new Map(categories.map((c) => [c, suppressCategory(cells.filter((x) => x.category === c), total, minCell)]));
  // Same order as given.
  const cursor = new Map(categories.map((c) => [c, 0]));
  return cells.map((c) => {
    const i = cursor.get(c.category)!;
    cursor.set(c.category, i + 1);
    return byCategory.get(c.category)![i]!;
  });
}
