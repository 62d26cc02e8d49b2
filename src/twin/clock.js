/** The twin's clock. It moves only when told to, so every answer depends on the request sequence alone. */
export class VirtualClock {
  seconds;
  constructor(seconds) {
    this.seconds = seconds;
  }
  get now() {
    return this.seconds;
  }
  advance(by) {
    if (!Number.isInteger(by) || by < 0)
      throw new RangeError("the clock advances by a whole number of seconds >= 0");
    this.seconds += by;
    return this.seconds;
  }
}
