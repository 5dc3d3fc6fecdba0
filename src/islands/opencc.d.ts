// opencc-js ships no types for its per-dictionary modules.
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
