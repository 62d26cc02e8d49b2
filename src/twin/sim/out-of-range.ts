/**
 * The one answer to a read past the end of the simulation's arrays. Under noUncheckedIndexedAccess an indexed read
 * is typed `T | undefined`; `array[i] ?? outOfRange("job", i)` is typed T and throws where a bare read would carry
 * `undefined` on as NaN. An in-bounds typed-array read is never undefined, so V8 folds the check away.
 *
 * The classes wrap such reads in private accessor methods, not in shared reader functions: V8 inlines a method
 * with nothing left to check, but checks a function reached through an import binding again at every call, which
 * made the event heap's loops markedly slower. This function itself runs only on the failing path.
 */
export function outOfRange(what: string, index: number): never {
  throw new RangeError(`${what} ${index} is out of range`);
}
