/** `x` rounded to `digits` decimals; -0 comes out as 0, so it prints and serialises as 0. */
export function roundTo(x: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(x * scale) / scale + 0;
}

/** Three decimals: milliseconds in seconds, and the precision of every ratio the tools report. */
export const round3 = (x: number): number => roundTo(x, 3);
