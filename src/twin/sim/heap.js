/**
 * A binary min-heap of (time, id) pairs in parallel typed arrays: completions ordered by time, then by job id, so
 * equal times always pop in the same order.
 */
export class EventHeap {
  times;
  ids;
  count = 0;
  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }
  get size() {
    return this.count;
  }
  peekTime() {
    return this.count > 0 ? this.times[0] : Number.POSITIVE_INFINITY;
  }
  push(time, id) {
    if (this.count === this.times.length) this.grow();
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(time, id, parent)) break;
      this.times[i] = this.times[parent];
      this.ids[i] = this.ids[parent];
      i = parent;
    }
    this.times[i] = time;
    this.ids[i] = id;
  }
  /** Removes the earliest entry and returns its id; -1 when empty. */
  pop() {
    if (this.count === 0) return -1;
    const top = this.ids[0];
    const lastTime = this.times[--this.count];
    const lastId = this.ids[this.count];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const child = right < this.count && this.lessAt(right, left) ? right : left;
      if (!this.lessAt(child, -1, lastTime, lastId)) break;
      this.times[i] = this.times[child];
      this.ids[i] = this.ids[child];
      i = child;
    }
    this.times[i] = lastTime;
    this.ids[i] = lastId;
    return top;
  }
  before(time, id, at) {
    const t = this.times[at];
    return time < t || (time === t && id < this.ids[at]);
  }
  /** Whether the entry at `a` comes before the entry at `b` (or before the given pair when b is -1). */
  lessAt(a, b, time = 0, id = 0) {
    const ta = this.times[a];
    const tb = b >= 0 ? this.times[b] : time;
    const ib = b >= 0 ? this.ids[b] : id;
    return ta < tb || (ta === tb && this.ids[a] < ib);
  }
  grow() {
    const times = new Float64Array(this.times.length * 2);
    const ids = new Int32Array(this.ids.length * 2);
    times.set(this.times);
    ids.set(this.ids);
    this.times = times;
    this.ids = ids;
  }
}
