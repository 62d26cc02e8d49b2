/**
 * `npm run bench:shards`: only the sharding measurement of `npm run bench` (gates/bench/shard-wall-time.ts), to
 * evidence/out/bench-shards.json.
 */
import { writeFileAtomic } from "../../src/common/index.js";
import { measureShardWallTime } from "./shard-wall-time.js";

const OUT = "evidence/out/bench-shards.json";
const results = await measureShardWallTime();
for (const g of results) console.log(JSON.stringify(g));
writeFileAtomic(OUT, `${JSON.stringify(results, null, 2)}\n`, { createDirectory: true });
console.log(`bench: wrote ${OUT}`);
