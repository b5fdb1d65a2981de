import { randomFillSync, randomInt } from 'node:crypto';
import { v7 } from 'uuid';
import { newCustomerNumber, type CustomerNumberState } from '../shared/domain/customerNumber';

/**
 * Ids are UUIDv7: made offline on any device, unique, and sorted by creation time. Random bits
 * come from a pool filled 4 KiB at a time (a system call per id was a tenth of an import's
 * time); within one millisecond the 31-bit counter counts up from a random start, as RFC 9562
 * suggests, so ids made by this process stay strictly increasing.
 */
const pool = new Uint8Array(4096);
let poolOffset = pool.length;
const clock = { msecs: -Infinity, seq: 0 };

function randomBytes16(): Uint8Array {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return bytes;
}

export function newId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > clock.msecs) {
    clock.msecs = now;
    clock.seq = ((random[6] ?? 0) & 0x7f) * 0x1000000 + (random[7] ?? 0) * 0x10000 + (random[8] ?? 0) * 0x100;
  } else {
    clock.seq += 1;
    if (clock.seq > 0xffffffff) {
      clock.msecs += 1;
      clock.seq = 0;
    }
  }
  return v7({ random, msecs: clock.msecs, seq: clock.seq });
}

const customerNumbers: CustomerNumberState = { lastTime: 0 };

export function newCustomerNo(): string {
  return newCustomerNumber(customerNumbers, Date.now(), () => randomInt(1 << 20));
}
