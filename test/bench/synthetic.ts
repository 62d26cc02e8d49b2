import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

export type NoiseModel = "lognormal-3cv" | "outlier-bursts" | "slow-drift";

export interface SyntheticTrial {
  rounds: { baseline: number[]; candidate: number[] }[];
}

/**
 * Seeded synthetic benchmark samples, interleaved as `bench ab` takes them: each round samples the baseline, then
 * the candidate. `slowdown` scales the candidate's true time (1.10 = 10% slower).
 * - lognormal-3cv: every sample is lognormal around the true time with a 3% coefficient of variation;
 * - outlier-bursts: as above, plus bursts (2% chance per sample to start one) of 5-15 samples 2-5x slower;
 * - slow-drift: as above, with the machine slowing down by 20% over the trial, as thermal drift does.
 */
export function trial(
  seed: number,
  model: NoiseModel,
  slowdown: number,
  rounds = 10,
  perRound = 40,
): SyntheticTrial {
  const rng = xoroshiro128plus(seed);
  const u = () => uniformFloat64(rng);
  const sigma = Math.sqrt(Math.log(1 + 0.03 ** 2));
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  let burstLeft = 0;
  let burstFactor = 1;
  const total = rounds * perRound * 2;
  let index = 0;
  const sample = (truth: number) => {
    let x = truth * Math.exp(sigma * normal() - (sigma * sigma) / 2);
    if (model === "outlier-bursts") {
      if (burstLeft === 0 && u() < 0.02) {
        burstLeft = 5 + Math.floor(u() * 11);
        burstFactor = 2 + u() * 3;
      }
      if (burstLeft > 0) {
        burstLeft -= 1;
        x *= burstFactor;
      }
    }
    if (model === "slow-drift") x *= 1 + (0.2 * index) / total;
    index += 1;
    return x;
  };
  const out: SyntheticTrial["rounds"] = [];
  for (let r = 0; r < rounds; r++) {
    const baseline = Array.from({ length: perRound }, () => sample(1));
    const candidate = Array.from({ length: perRound }, () => sample(slowdown));
    out.push({ baseline, candidate });
  }
  return { rounds: out };
}

/** pytest-benchmark's `--benchmark-compare-fail=mean:5%`: the candidate's mean more than 5% above the baseline's. */
export function pytestMeanRuleFails(t: SyntheticTrial): boolean {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const a = mean(t.rounds.flatMap((r) => r.baseline));
  const b = mean(t.rounds.flatMap((r) => r.candidate));
  return b > a * 1.05;
}
