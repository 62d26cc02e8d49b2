import { join } from "node:path";
import { sha256Hex, writeAtomically } from "../evidence/index.js";
import type { ShardSpec } from "./shard.js";
import type { UnitPart } from "./steps/index.js";

/** Where a shard's parts go, beside its bundle; the bundle records their digest. */
export const SHARD_PARTS = "shard-parts.json";

/** What a shard hands to the merge: each of its units' parts, by unit, in run order. */
export type ShardParts = UnitPart<unknown>[];

/** What a shard's bundle says about it: which shard, its units, and the digest of the parts it hands on. */
export interface ShardRecord {
  index: number;
  count: number;
  units: string[];
  parts_sha256: string;
}

/** Writes a shard's parts beside its bundle, and returns what the bundle records of them. */
export function writeShardParts(folder: string, shard: ShardSpec, parts: ShardParts): ShardRecord {
  const text = `${JSON.stringify(parts)}\n`;
  writeAtomically(join(folder, SHARD_PARTS), text);
  return {
    index: shard.index,
    count: shard.count,
    units: [...new Set(parts.map((p) => p.unit))],
    parts_sha256: sha256Hex(text),
  };
}
