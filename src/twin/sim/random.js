import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
export function seededRandom(seed) {
  const rng = xoroshiro128plus(seed);
  return { uniform: () => uniformFloat64(rng) };
}
export function exponential(random, mean) {
  return -Math.log(1 - random.uniform()) * mean;
}
/** A standard normal by Box-Muller, one pair of uniforms per draw. */
function standardNormal(random) {
  const u = 1 - random.uniform();
  const v = random.uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
export function sample(random, d) {
  switch (d.distribution) {
    case "constant":
      return d.seconds;
    case "exponential":
      return exponential(random, d.mean_seconds);
    case "lognormal": {
      const sigma2 = Math.log(1 + d.cv * d.cv);
      const mu = Math.log(d.mean_seconds) - sigma2 / 2;
      return Math.exp(mu + Math.sqrt(sigma2) * standardNormal(random));
    }
  }
}
/** Picks an index with probability proportional to its weight. */
export function weighted(random, cumulative) {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const x = random.uniform() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
