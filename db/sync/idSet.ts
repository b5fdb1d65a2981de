/**
 * Row ids (UUIDs, as `checkOp` insists) by 60 of their bits, the random ones of a UUIDv7, in an
 * open-addressed table of typed arrays: a million ids cost 16 MB and no garbage. Two ids that
 * share those bits are taken as one, so `has` means "maybe": a caller acts on a yes only in the
 * slower, exact way (the preview imports and rolls back; the walk reads the book).
 */
export class IdSet {
  private high = new Uint32Array(1 << 16);
  private low = new Uint32Array(1 << 16);
  private size = 0;

  has(id: string): boolean {
    const high = highBits(id);
    const low = lowBits(id);
    for (let at = this.slot(low); this.high[at] !== 0; at = (at + 1) & (this.high.length - 1))
      if (this.high[at] === high && this.low[at] === low) return true;
    return false;
  }

  add(id: string): void {
    if ((this.size + 1) * 2 > this.high.length) this.grow();
    this.put(highBits(id), lowBits(id));
  }

  private put(high: number, low: number): void {
    let at = this.slot(low);
    for (; this.high[at] !== 0; at = (at + 1) & (this.high.length - 1))
      if (this.high[at] === high && this.low[at] === low) return;
    this.high[at] = high;
    this.low[at] = low;
    this.size += 1;
  }

  private slot(low: number): number {
    return (Math.imul(low, 0x9e3779b1) >>> 0) & (this.high.length - 1);
  }

  private grow(): void {
    const { high, low } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.size = 0;
    for (let at = 0; at < high.length; at += 1) if (high[at] !== 0) this.put(high[at] ?? 0, low[at] ?? 0);
  }
}

/** `xxxxxxxx-xxxx-xxxx-Vhhh-hhhhllllllll`: 28 bits (with a marker bit, never 0) and 32 bits. */
function highBits(id: string): number {
  return (hex(id, 20, 23) * 0x10000 + hex(id, 24, 28)) | 0x10000000;
}

function lowBits(id: string): number {
  return hex(id, 28, 36);
}

/** The hex digits of `text` from `start` to `end` (at most 8) as a number. */
function hex(text: string, start: number, end: number): number {
  let value = 0;
  for (let at = start; at < end; at += 1) {
    const code = text.charCodeAt(at);
    value = value * 16 + (code <= 57 ? code - 48 : (code | 32) - 87);
  }
  return value;
}
