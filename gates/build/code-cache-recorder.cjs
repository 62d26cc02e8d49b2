// Preloaded (`node --require`) by gates/build/code-cache.ts while it runs nemesis-ctl: hands the bin's loader a
// recorder, and at exit writes what V8 compiled for each bundle to the cache file the loader named for it.
const { renameSync, writeFileSync } = require("node:fs");

const recorded = [];
globalThis[Symbol.for("throughput-gate.code-cache.recorder")] = (script, cacheFile) => {
  recorded.push({ script, cacheFile });
};
process.on("exit", () => {
  for (const { script, cacheFile } of recorded) {
    writeFileSync(`${cacheFile}.tmp`, script.createCachedData());
    renameSync(`${cacheFile}.tmp`, cacheFile);
  }
});
