// "A run of bare numbers": numbers one after another with no word between them, as a table row
// reads when its cells run together ("6.6. 13.1. 25. 5.2."). Numbers are whole (1,234.5 and 6.6%
// are one number); anything with a letter (a label, a unit, a name) ends the run.
export function longestBareNumberRun(text: string): number {
  let run = 0;
  let longest = 0;
  for (const token of text.match(/\d+(?:[.,]\d+)*%?|\p{L}+/gu) ?? []) {
    run = /^\d/.test(token) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
