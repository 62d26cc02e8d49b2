import { createRequire } from "node:module";
import { execa } from "execa";
import { errorMessage, writeFileAtomic } from "../common/index.js";
import { isObject } from "./json-shape.js";
import { inSlice } from "./slice.js";
import { allTasks, type BenchTask, loaderFor, loadSuites } from "./suite.js";
import {
  INSTRUMENT_ENV,
  InstructionSetupError,
  type InstrumentConfig,
  NODE_COUNT_FLAGS,
  WARMUP_DUMP,
} from "./valgrind.js";

/** Calls before counting: the first settles the interpreter's and the baseline compiler's caches. */
const WARMUP_CALLS = 2;
/** Counted calls; their median stands for the task, their spread says whether it is stable. */
export const COUNTED_CALLS = 3;

interface Addon {
  running(): boolean;
  start(): void;
  dump(name: string): void;
  stop(): void;
  cpu(): string;
}

const ADDON_FUNCTIONS = ["running", "start", "dump", "stop", "cpu"] as const;

function isAddon(value: unknown): value is Addon {
  return isObject(value) && ADDON_FUNCTIONS.every((name) => typeof value[name] === "function");
}

export function instrumentConfig(): InstrumentConfig | null {
  const raw = process.env[INSTRUMENT_ENV];
  if (!raw) return null;
  const config: unknown = JSON.parse(raw);
  if (!isInstrumentConfig(config))
    throw new InstructionSetupError(
      `${INSTRUMENT_ENV} holds no instrument config (valgrind, lib, addon, meta)`,
    );
  return config;
}

function isInstrumentConfig(value: unknown): value is InstrumentConfig {
  if (!isObject(value)) return false;
  const { valgrind, lib, addon, meta, slice } = value;
  return (
    Array.isArray(valgrind) &&
    valgrind.every((arg) => typeof arg === "string") &&
    typeof lib === "string" &&
    typeof addon === "string" &&
    typeof meta === "string" &&
    (slice === undefined ||
      (isObject(slice) && typeof slice.index === "number" && typeof slice.count === "number"))
  );
}

/** This same command again, under valgrind with the flags that make V8's counts repeat; returns its exit code. */
async function underValgrind(config: InstrumentConfig): Promise<number> {
  const [valgrind, ...args] = config.valgrind;
  if (valgrind === undefined) throw new InstructionSetupError(`${INSTRUMENT_ENV} names no valgrind to run`);
  const argv = [
    ...args,
    process.execPath,
    ...NODE_COUNT_FLAGS,
    ...process.execArgv,
    ...process.argv.slice(1),
  ];
  const r = await execa(valgrind, argv, { stdio: "inherit", reject: false });
  return r.exitCode ?? 1;
}

function countTask(addon: Addon, task: BenchTask): void {
  const collect = globalThis.gc;
  for (let i = 0; i < WARMUP_CALLS; i++) task.fn();
  for (let n = 1; n <= COUNTED_CALLS; n++) {
    collect?.();
    addon.start();
    task.fn();
    addon.dump(`${task.name}#${n}`);
    addon.stop();
  }
}

/** Node, its V8 and every flag it runs with: flags and NODE_OPTIONS change what V8 executes, and so the counts. */
function nodeRuntime(): string {
  const flags = [...new Set([...NODE_COUNT_FLAGS, ...process.execArgv])].join(" ");
  const options = process.env.NODE_OPTIONS ? ` NODE_OPTIONS=${process.env.NODE_OPTIONS}` : "";
  return `Node.js ${process.version} (V8 ${process.versions.v8}, ${process.arch}) ${flags}${options}`;
}

/**
 * `bench run` under the instruction metric: outside valgrind it starts itself again inside; inside, it calls each
 * task a fixed number of times with callgrind counting each call alone, and writes what it ran to the meta file.
 */
export async function countHere(
  config: InstrumentConfig,
  repeatFor: (task: BenchTask) => BenchTask,
): Promise<number> {
  const addon: unknown = createRequire(import.meta.url)(config.addon);
  if (!isAddon(addon)) throw new InstructionSetupError(`${config.addon}: not the counting addon`);
  if (!addon.running()) return underValgrind(config);
  const root = process.cwd();
  const all = (await allTasks(await loadSuites(root), loaderFor(root), { metric: "instructions" })).map(
    repeatFor,
  );
  const tasks = all.filter((t) => inSlice(t.name, config.slice));
  // A dry cycle, as countTask makes them, absorbs the process's one-time costs (see WARMUP_DUMP).
  globalThis.gc?.();
  addon.start();
  addon.dump(`${WARMUP_DUMP}#0`);
  addon.stop();
  const failed: string[] = [];
  for (const task of tasks) {
    try {
      countTask(addon, task);
    } catch (err) {
      failed.push(task.name);
      process.stderr.write(`Error: ${task.name}: ${errorMessage(err)}\n`);
    }
  }
  const meta = {
    runtime: nodeRuntime(),
    executable: process.execPath,
    cpu: addon.cpu(),
    calls: COUNTED_CALLS,
    benchmarks: tasks.map((t) => t.name),
    failed,
    seen: all.map((t) => t.name),
  };
  writeFileAtomic(config.meta, `${JSON.stringify(meta)}\n`);
  return failed.length ? 1 : 0;
}
