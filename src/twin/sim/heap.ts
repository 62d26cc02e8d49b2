import { outOfRange } from "./out-of-range.js";

/**
 * Whether (timeA, idA) comes before (timeB, idB): by time, then by id. A const arrow, not a function declaration:
 * V8 inlines a call through a module's const binding as it is, but checks a declared function again at every call.
 */
const precedes = (timeA: number, idA: number, timeB: number, idB: number): boolean =>
  timeA < timeB || (timeA === timeB && idA < idB);

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
    return this.count > 0 ? this.timeAt(0) : Number.POSITIVE_INFINITY;
  }

  push(time: number, id: number): void {
    if (this.count === this.times.length) this.grow();
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = this.timeAt(parent);
      const parentId = this.idAt(parent);
      if (!precedes(time, id, parentTime, parentId)) break;
      this.times[i] = parentTime;
      this.ids[i] = parentId;
      i = parent;
    }
    this.times[i] = time;
    this.ids[i] = id;
  }

  /** Removes the earliest entry and returns its id; -1 when empty. Each entry on the way down is read once. */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.idAt(0);
    const last = --this.count;
    const lastTime = this.timeAt(last);
    const lastId = this.idAt(last);
    let i = 0;
    for (let child = 1; child < last; child = 2 * i + 1) {
      let childTime = this.timeAt(child);
      let childId = this.idAt(child);
      const right = child + 1;
      if (right < last) {
        const rightTime = this.timeAt(right);
        const rightId = this.idAt(right);
        if (precedes(rightTime, rightId, childTime, childId)) {
          child = right;
          childTime = rightTime;
          childId = rightId;
        }
      }
      if (!precedes(childTime, childId, lastTime, lastId)) break;
      this.times[i] = childTime;
      this.ids[i] = childId;
      i = child;
    }
    this.times[i] = lastTime;
    this.ids[i] = lastId;
    return top;
  }

  /** Entries below `count` are always filled. */
  private timeAt(i: number): number {
    return this.times[i] ?? outOfRange("heap entry", i);
  }

  private idAt(i: number): number {
    return this.ids[i] ?? outOfRange("heap entry", i);
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
