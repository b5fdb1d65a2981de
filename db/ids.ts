import { randomInt } from 'node:crypto';
import { v7 } from 'uuid';
import { newCustomerNumber, type CustomerNumberState } from '../shared/domain/customerNumber';

/** Ids are UUIDv7: made offline on any device, unique, and sorted by creation time. */
export function newId(): string {
  return v7();
}

const customerNumbers: CustomerNumberState = { lastTime: 0 };

export function newCustomerNo(): string {
  return newCustomerNumber(customerNumbers, Date.now(), () => randomInt(1 << 20));
}
