// The simulator's event queue: a binary min-heap on (time, sequence) over typed arrays, so the
// machine costs O(log n) per event and never steps idle cycles. Equal times pop in push order,
// which keeps runs deterministic.

/** Min-heap of (time, payload) with FIFO order among equal times. */
export class EventHeap {
  private time = new Float64Array(256);
  private seq = new Float64Array(256);
  private data = new Int32Array(256);
  private n = 0;
  private counter = 0;
  /** Time of the event that `pop` returned last. */
  poppedTime = 0;

  /** Number of queued events. */
  get size(): number {
    return this.n;
  }

  /** Queues `payload` at `t`. */
  push(t: number, payload: number): void {
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    const s = this.counter++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.time[p] as number;
      if (pt < t || (pt === t && (this.seq[p] as number) < s)) break;
      this.time[i] = pt;
      this.seq[i] = this.seq[p] as number;
      this.data[i] = this.data[p] as number;
      i = p;
    }
    this.time[i] = t;
    this.seq[i] = s;
    this.data[i] = payload;
  }

  /** Time of the earliest event (undefined when empty). */
  peekTime(): number | undefined {
    return this.n > 0 ? this.time[0] : undefined;
  }

  /** Removes the earliest event and returns its payload (its time goes to `poppedTime`); call only when size > 0. */
  pop(): number {
    const top = this.data[0] as number;
    this.poppedTime = this.time[0] as number;
    const last = --this.n;
    const t = this.time[last] as number;
    const s = this.seq[last] as number;
    const d = this.data[last] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last && this.less(r, c)) c = r;
      const ct = this.time[c] as number;
      if (t < ct || (t === ct && s < (this.seq[c] as number))) break;
      this.time[i] = ct;
      this.seq[i] = this.seq[c] as number;
      this.data[i] = this.data[c] as number;
      i = c;
    }
    this.time[i] = t;
    this.seq[i] = s;
    this.data[i] = d;
    return top;
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a] as number;
    const tb = this.time[b] as number;
    return ta < tb || (ta === tb && (this.seq[a] as number) < (this.seq[b] as number));
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    const s = new Float64Array(cap);
    const d = new Int32Array(cap);
    t.set(this.time);
    s.set(this.seq);
    d.set(this.data);
    this.time = t;
    this.seq = s;
    this.data = d;
  }
}
