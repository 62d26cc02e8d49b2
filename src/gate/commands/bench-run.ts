import { BASELINE_DIR } from "../bench-options.js";
import { command } from "../command.js";

export const benchRun = command({
  name: "bench run",
  summary:
    "Run the benchmark suites in N processes (3); write results, raw samples and the environment fingerprint.",
  args: [],
  options: [
    {
      name: "save",
      value: "name",
      placeholder: "NAME",
      description: `also save as a baseline in ${BASELINE_DIR}/`,
    },
    {
      name: "out",
      value: "file",
      placeholder: "FILE",
      default: "evidence/out/bench/latest.json",
      description: "where to write the results",
    },
    {
      name: "time",
      value: "number",
      placeholder: "MS",
      default: "300",
      description: "milliseconds per task",
    },
    {
      name: "processes",
      value: "count",
      placeholder: "N",
      default: "3",
      description: "measure in N processes",
    },
  ],
  async run({ options }) {
    const bench = await import("../../bench/index.js");
    const { packagePath, writeFileAtomic } = await import("../../common/index.js");
    const { join } = await import("node:path");
    const instrument = bench.instrumentConfig();
    if (instrument) {
      const factors = bench.slowdowns();
      return bench.countHere(instrument, (t) => {
        const factor = factors.get(t.name);
        return factor === undefined ? t : bench.repeated(t, factor);
      });
    }
    const { time, processes, save, out } = options;
    const progress = bench.progressOn(process.stderr);
    const doc =
      processes === 1
        ? await bench.measureHere(time, progress)
        : await bench.measureInProcesses({
            timeMs: time,
            processes,
            progress,
            childArgv: (file) => [
              packagePath("dist/gate/cli.js"),
              "bench",
              "run",
              "--processes",
              "1",
              "--time",
              String(time),
              "--out",
              file,
            ],
          });
    progress.done();
    const named = { ...doc, name: save ?? "latest" };
    const text = `${JSON.stringify(named, null, 2)}\n`;
    const write = (file: string) => writeFileAtomic(file, text, { createDirectory: true });
    write(out);
    if (save !== undefined) write(join(BASELINE_DIR, `${save}.json`));
    for (const b of named.benchmarks) {
      const sorted = [...b.samples].sort((x, y) => x - y);
      const rounds = b.rounds ? `, ${b.rounds.length} processes` : "";
      process.stdout.write(
        `${b.name}: median ${(sorted[sorted.length >> 1] ?? 0).toFixed(4)} ms, ${b.samples.length} samples${rounds}\n`,
      );
    }
    process.stdout.write(`wrote ${out}${save ? ` and ${join(BASELINE_DIR, `${save}.json`)}` : ""}\n`);
    return 0;
  },
});
