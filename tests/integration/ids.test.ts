import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { newId } from '../../db/ids';
import { uuidV7Time } from '../../shared/domain/uuid7';

describe('newId', () => {
  it('makes valid, distinct, strictly increasing UUIDv7s carrying the time they were made', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => newId());
    const after = Date.now();
    for (const id of ids.slice(0, 50)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect((ids[i] ?? '') > (ids[i - 1] ?? '')).toBe(true);
    const first = Date.parse(uuidV7Time(ids[0] ?? ''));
    expect(first).toBeGreaterThanOrEqual(before);
    expect(Date.parse(uuidV7Time(ids.at(-1) ?? ''))).toBeLessThanOrEqual(after + 1);
  });
});
