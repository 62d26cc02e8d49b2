import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, sep } from "node:path";
import { Script } from "node:vm";

/**
 * A bundle's last line when the build made a V8 code cache for it: `//# code-cache=<id>`, the id being a hash of the
 * bundle above that line. The cache sits beside the bundle as `<bundle>.<id>.v8-cache`. V8 checks a cache against
 * its own version, its flags and the source's length only, so the id keeps a cache from meeting a rebuilt bundle of
 * the same length: a fresh bundle has no id line until the build has made its cache.
 */
export const CODE_CACHE_MARK = "\n//# code-cache=";

/** Set by the build while it runs a CLI to make the caches: it is handed each script and where its cache goes. */
export const CODE_CACHE_RECORDER = Symbol.for("throughput-gate.code-cache.recorder");
export type CodeCacheRecorder = (script: Script, cacheFile: string) => void;

/** The cache file a bundle's content names, or null when the build made none for it. */
export function codeCacheFile(content: string, filename: string): string | null {
  const at = content.lastIndexOf(CODE_CACHE_MARK);
  if (at < 0) return null;
  const id = content.slice(at + CODE_CACHE_MARK.length).trim();
  return /^[0-9a-f]{16,64}$/.test(id) ? `${filename}.${id}.v8-cache` : null;
}

function readCache(file: string | null): Buffer | undefined {
  if (file === null) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined; // No cache (a build without one, or a removed file) only means compiling as usual.
  }
}

/** The piece of Node's CommonJS module this hooks: undocumented, stable since Node 0.x, used by every require hook. */
interface CompilingModule {
  exports: unknown;
  _compile(content: string, filename: string): unknown;
}

/**
 * Runs a CommonJS bundle, compiling it and every CommonJS file beside or below it from the V8 code cache the build
 * made: a CLI that runs the same code on every start skips parsing and compiling it. Node 22 does this itself
 * (`module.enableCompileCache`); on Node 20 a cache V8 refuses (another Node, other flags) or a missing one only
 * means compiling as Node would have.
 */
export function runWithCodeCache(bundle: string): void {
  const folder = `${dirname(bundle)}${sep}`;
  const prototype = Module.prototype as unknown as CompilingModule;
  const compile = prototype._compile;
  prototype._compile = function compileFromCache(this: CompilingModule, content: string, filename: string) {
    const cacheFile = filename.startsWith(folder) ? codeCacheFile(content, filename) : null;
    if (cacheFile === null) return compile.call(this, content, filename);
    return runCached(this, content, filename, cacheFile);
  };
  // The bundle's path is known: loading it as a module of its own skips resolving it (a stat, a realpath and a
  // look for a package.json above it), which `require` would do first.
  const main = new Module(bundle) as unknown as CompilingModule & { filename: string };
  main.filename = bundle;
  main._compile(readFileSync(bundle, "utf8"), bundle);
}

function runCached(module: CompilingModule, content: string, filename: string, cacheFile: string): unknown {
  // A hashbang is valid only as a script's first characters, and the wrapper goes before it.
  const source = content.startsWith("#!") ? `//${content.slice(2)}` : content;
  const script = new Script(Module.wrap(source), { filename, cachedData: readCache(cacheFile) });
  const recorder: CodeCacheRecorder | undefined = Reflect.get(globalThis, CODE_CACHE_RECORDER);
  recorder?.(script, cacheFile);
  const wrapper: (...args: unknown[]) => unknown = script.runInThisContext();
  const { exports } = module;
  return wrapper.call(exports, exports, createRequire(filename), module, filename, dirname(filename));
}
