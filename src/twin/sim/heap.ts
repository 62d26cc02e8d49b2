/**
 * A binary min-heap of (time, id) pairs in parallel typed arrays: completions ordered by time, then by job id, so
 * equal times always pop in the same order.
 */
export class EventHeap {
  private times: Float64Array;
  private ids: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  peekTime(): number {
    return this.count > 0 ? (this.times[0] as number) : Number.POSITIVE_INFINITY;
  }

  push(time: number, id: number): void {
    if (this.count === this.times.length) this.grow();
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(time, id, parent)) break;
      this.times[i] = this.times[parent] as number;
      this.ids[i] = this.ids[parent] as number;
      i = parent;
    }
    this.times[i] = time;
    this.ids[i] = id;
  }

  /** Removes the earliest entry and returns its id; -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.ids[0] as number;
    const lastTime = this.times[--this.count] as number;
    const lastId = this.ids[this.count] as number;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const child = right < this.count && this.lessAt(right, left) ? right : left;
      if (!this.lessAt(child, -1, lastTime, lastId)) break;
      this.times[i] = this.times[child] as number;
      this.ids[i] = this.ids[child] as number;
      i = child;
    }
    this.times[i] = lastTime;
    this.ids[i] = lastId;
    return top;
  }

  private before(time: number, id: number, at: number): boolean {
    const t = this.times[at] as number;
    return time < t || (time === t && id < (this.ids[at] as number));
  }

  /** Whether the entry at `a` comes before the entry at `b` (or before the given pair when b is -1). */
  private lessAt(a: number, b: number, time = 0, id = 0): boolean {
    const ta = this.times[a] as number;
    const tb = b >= 0 ? (this.times[b] as number) : time;
    const ib = b >= 0 ? (this.ids[b] as number) : id;
    return ta < tb || (ta === tb && (this.ids[a] as number) < ib);
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const ids = new Int32Array(this.ids.length * 2);
    times.set(this.times);
    ids.set(this.ids);
    this.times = times;
    this.ids = ids;
  }
}
