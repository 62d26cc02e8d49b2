/**
 * `npm run bench:pytest`: how often the verdict across processes is right, on real pytest-benchmark runs of the
 * basic-analysis fixture suite (fixtures/formats/pytest-runs/, made by fixtures/bench-python/make-runs.sh).
 *
 * Pools of saved runs: aa-a and aa-b are the same code; slow5, slow10 and slow20 make test_hash_64k do 5%, 10% and
 * 20% more work. For K files against K (3, 5, 10), seeded random draws from two pools are compared with
 * `compareRuns`, once per process location. A/A: a false alarm is any benchmark called regressed. Slowed: detection
 * is test_hash_64k called regressed. Beside it, pytest-benchmark's own `--benchmark-compare-fail=mean:5%` on every
 * pair of one saved run against one other, as its users run it. Writes evidence/out/bench/pytest-verdicts.json.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import {
  type BenchFile,
  compareRuns,
  PROCESS_LOCATIONS,
  PROCESS_STATS,
  type ProcessLocation,
  type RunSet,
  readRunSet,
  savedRunName,
} from "../../src/bench/index.js";
import { writeFileAtomic } from "../../src/common/index.js";

const STORAGE = process.argv[2] ?? "fixtures/formats/pytest-runs";
const DRAWS = Number(process.env.DRAWS ?? 1000);
const SIZES = [3, 5, 10];
const CHANGED = "bench_basic_analysis.py::test_hash_64k";
const CONDITIONS = [
  { id: "A/A", base: "aa-a", candidate: "aa-b" },
  { id: "+5%", base: "aa-a", candidate: "slow5" },
  { id: "+10%", base: "aa-a", candidate: "slow10" },
  { id: "+20%", base: "aa-a", candidate: "slow20" },
] as const;

const all = readRunSet([STORAGE]).files;
const pool = (name: string) => all.filter((f) => savedRunName(f.file) === name);
const side = (files: BenchFile[]): RunSet => ({ files, format: "pytest-benchmark", history_mismatch: [] });

function drawer(seed: number) {
  const rng = xoroshiro128plus(seed);
  return <T>(items: readonly T[], k: number): T[] => {
    const left = [...items];
    const out: T[] = [];
    for (let i = 0; i < k; i++) out.push(...left.splice(Math.floor(uniformFloat64(rng) * left.length), 1));
    return out;
  };
}

interface Cell {
  condition: string;
  k: number;
  location: ProcessLocation;
  draws: number;
  /** A/A: draws with any benchmark regressed. Slowed: draws with the changed benchmark regressed. */
  rate: number;
  verdicts: Record<string, number>;
}

const cells: Cell[] = [];
for (const c of CONDITIONS) {
  const [a, b] = [pool(c.base), pool(c.candidate)];
  for (const k of SIZES) {
    if (a.length < k || b.length < k) continue;
    for (const location of PROCESS_LOCATIONS) {
      const draw = drawer(20261130 + k);
      const verdicts: Record<string, number> = {};
      let hits = 0;
      for (let d = 0; d < DRAWS; d++) {
        const report = compareRuns(side(draw(a, k)), side(draw(b, k)), { ...PROCESS_STATS, location });
        const changed = report.benchmarks.find((x) => x.name === CHANGED)?.verdict ?? "missing";
        verdicts[changed] = (verdicts[changed] ?? 0) + 1;
        const hit =
          c.id === "A/A" ? report.benchmarks.some((x) => x.verdict === "regressed") : changed === "regressed";
        if (hit) hits++;
      }
      cells.push({ condition: c.id, k, location, draws: DRAWS, rate: hits / DRAWS, verdicts });
    }
  }
}

/** pytest-benchmark's --benchmark-compare-fail=mean:5%: fails when any mean grew by more than 5%. */
function pytestMeanRule(base: BenchFile, candidate: BenchFile, only?: string): boolean {
  return candidate.entries.some((e) => {
    const b = base.entries.find((x) => x.name === e.name);
    return (
      b !== undefined && (only === undefined || e.name === only) && e.summary.mean > b.summary.mean * 1.05
    );
  });
}

const pytestRule = CONDITIONS.map((c) => {
  const [a, b] = [pool(c.base), pool(c.candidate)];
  let fails = 0;
  for (const x of a)
    for (const y of b) if (pytestMeanRule(x, y, c.id === "A/A" ? undefined : CHANGED)) fails++;
  return { condition: c.id, pairs: a.length * b.length, rate: fails / (a.length * b.length) };
});

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(
  `pools: ${CONDITIONS.map((c) => `${c.candidate} ${pool(c.candidate).length}`).join(", ")}, aa-a ${pool("aa-a").length}`,
);
console.log("condition  K   location  rate (A/A: any false 'regressed'; slowed: test_hash_64k 'regressed')");
for (const cell of cells)
  console.log(
    `${cell.condition.padEnd(9)}  ${String(cell.k).padEnd(2)}  ${cell.location.padEnd(8)}  ${pct(cell.rate)}`,
  );
for (const p of pytestRule)
  console.log(
    `${p.condition.padEnd(9)}  1   mean:5%   ${pct(p.rate)} of ${p.pairs} pairs (pytest-benchmark)`,
  );

const out = "evidence/out/bench/pytest-verdicts.json";
writeFileAtomic(
  out,
  `${JSON.stringify({ storage: STORAGE, draws: DRAWS, cells, pytest_mean_5pct: pytestRule }, null, 2)}\n`,
  { createDirectory: true },
);
console.log(`wrote ${out}`);
