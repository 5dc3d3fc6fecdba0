/** One problem found in the content, reported as `path:line: field: reason`. */
export interface Problem {
  /** File path relative to the repository root (or to the folder being validated). */
  file: string;
  /** 1-based line; for CSV files, the spreadsheet row (header = 1). */
  line: number;
  /** Field, column or key path the problem concerns (`file` for the whole file). */
  field: string;
  /** What is wrong, in words a staff member can act on. */
  reason: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.field}: ${p.reason}`;
}

/** Problems sorted by file, then line, so reports read top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/** Thrown by the content loader: lists every problem at once. */
export class ContentError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const sorted = sortProblems(problems);
    super(
      `Content has ${sorted.length} problem${sorted.length === 1 ? '' : 's'}; nothing was published:\n` +
        sorted.map(formatProblem).join('\n'),
    );
    this.name = 'ContentError';
    this.problems = sorted;
  }
}
