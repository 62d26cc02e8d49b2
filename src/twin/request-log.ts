import type { LoggedRequest } from "./routes/route.js";

/** The most entries the log keeps: a twin serving for days must not grow with every request it answers. */
export const MAX_LOGGED_REQUESTS = 10_000;
/** The most bytes of entries (each counted as its JSON) the log keeps: a long request target makes a big entry. */
export const MAX_LOGGED_BYTES = 8 * 1024 * 1024;
/** A page of `GET /__twin/requests` without `limit`. */
export const DEFAULT_PAGE_LIMIT = 1_000;
/** The most entries one page may ask for: the whole log by count. */
export const MAX_PAGE_LIMIT = MAX_LOGGED_REQUESTS;
/** A page ends before it passes this many bytes of entries, so it stays far below the 8 MB any client here reads. */
export const MAX_PAGE_BYTES = 1024 * 1024;

export interface RequestLogBounds {
  maxEntries: number;
  maxBytes: number;
}

export const DEFAULT_LOG_BOUNDS: RequestLogBounds = {
  maxEntries: MAX_LOGGED_REQUESTS,
  maxBytes: MAX_LOGGED_BYTES,
};

/** Printable ASCII but `"` and `\`: JSON writes a string of these as it is, between its quotes. */
const VERBATIM = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function jsonBytes(value: string | number | null): number {
  if (value === null) return "null".length;
  if (typeof value === "number") return String(value).length;
  return VERBATIM.test(value) ? value.length + 2 : Buffer.byteLength(JSON.stringify(value));
}

const FIELDS = ["seq", "method", "path", "query", "status", "user", "body_sha256", "fault"] as const;
/** Braces, commas, quoted keys and colons: all of an entry's JSON but its values. */
const FRAME_BYTES = JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, ""]))).length - 2 * FIELDS.length;

/** The bytes of `JSON.stringify(entry)`, counted without writing it: the log sizes every request it keeps. */
export function entryBytes(entry: LoggedRequest): number {
  let bytes = FRAME_BYTES;
  for (const field of FIELDS) bytes += jsonBytes(entry[field]);
  return bytes;
}

/** One page of the log, with what a client needs to tell whether it missed anything. */
export interface RequestPage {
  requests: LoggedRequest[];
  /** Entries that fell off the ring since the log began (the twin started or was reset). */
  dropped: number;
  /** Of the entries after the `after` asked for, those that fell off before this read: the client's gap. */
  missed: number;
  oldest_seq: number | null;
  newest_seq: number | null;
  /** Pass as `after` for the next page; null when this page reached the newest entry. */
  next_after: number | null;
}

/**
 * The newest requests the twin answered, as a ring bounded by count and by bytes, whichever is hit first. Each
 * entry gets the next `seq`, so a client pages with `after` and sees from `oldest_seq` what it missed.
 */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private sizes: number[] = [];
  /** Index of the oldest kept entry: evicting moves it on, and the arrays are compacted now and then. */
  private head = 0;
  private bytes = 0;
  private nextSeq = 1;
  private droppedCount = 0;

  constructor(private readonly bounds: RequestLogBounds = DEFAULT_LOG_BOUNDS) {}

  get length(): number {
    return this.entries.length - this.head;
  }

  get byteSize(): number {
    return this.bytes;
  }

  append(entry: LoggedRequest): void {
    // A copy of just the fields `entryBytes` counts: the caller's object may change after, or carry more.
    const { method, path, query, status, user, body_sha256, fault } = entry;
    const logged = { seq: this.nextSeq, method, path, query, status, user, body_sha256, fault };
    this.nextSeq += 1;
    const size = entryBytes(logged);
    this.entries.push(logged);
    this.sizes.push(size);
    this.bytes += size;
    // The newest entry stays even when it alone passes the byte bound: an empty log would explain nothing.
    while (this.length > 1 && (this.length > this.bounds.maxEntries || this.bytes > this.bounds.maxBytes)) {
      this.evictOldest();
    }
  }

  private evictOldest(): void {
    this.bytes -= this.sizes[this.head] ?? 0;
    this.head += 1;
    this.droppedCount += 1;
    // Shifting one at a time would be quadratic; dropping the dead half at once keeps appends amortised O(1).
    if (this.head >= 1024 && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }

  /** The entries after seq `after`, oldest first: at most `limit`, and fewer when the page would pass its bytes. */
  page(after: number, limit: number): RequestPage {
    const oldest = this.length === 0 ? null : this.nextSeq - this.length;
    const newest = this.length === 0 ? null : this.nextSeq - 1;
    const first = Math.max(after + 1, oldest ?? this.nextSeq);
    const requests: LoggedRequest[] = [];
    let bytes = 0;
    for (let i = this.head + (first - (oldest ?? first)); i < this.entries.length; i++) {
      const size = this.sizes[i] ?? 0;
      const entry = this.entries[i];
      if (entry === undefined) break;
      if (requests.length === limit || (requests.length > 0 && bytes + size > MAX_PAGE_BYTES)) break;
      requests.push(entry);
      bytes += size;
    }
    const last = requests.at(-1)?.seq;
    return {
      requests,
      dropped: this.droppedCount,
      missed: oldest === null ? 0 : Math.max(0, oldest - 1 - after),
      oldest_seq: oldest,
      newest_seq: newest,
      next_after: last !== undefined && newest !== null && last < newest ? last : null,
    };
  }
}
