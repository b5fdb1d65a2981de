import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api';
import { nextOccurrence } from '../../shared/domain/anniversaryDates';
import { parseYuan } from '../../shared/domain/money';
import { localToday } from '../../db/queries/records';
import { openFieldbook, type Fieldbook } from '../../db/service';

let directory: string;
let fieldbook: Fieldbook;
let api: ApiClient;

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-guards-'));
  fieldbook = await openFieldbook(join(directory, 'guards.db'));
  api = fieldbook.client({ actor: 'm001' });
});

afterEach(() => {
  fieldbook.close();
  rmSync(directory, { recursive: true, force: true });
});

it('refuses to move a consumption record onto a month and service that already has one', async () => {
  const account = await api.accounts.create({ kind: 'organization', name: '华新电子' });
  const october = await api.consumption.create({
    accountId: account.id,
    period: '2026-10',
    category: 'data',
    amountFen: 100,
  });
  const november = await api.consumption.create({
    accountId: account.id,
    period: '2026-11',
    category: 'data',
    amountFen: 200,
  });
  await expect(api.consumption.update({ id: november.id, period: '2026-10' })).rejects.toMatchObject({
    code: 'DUPLICATE_CONSUMPTION',
  });
  expect(
    (await api.consumption.list({ accountId: account.id })).map((record) => record.period).sort(),
  ).toEqual(['2026-10', '2026-11']);
  await api.consumption.update({ id: november.id, amountFen: 250 });
  const moved = await api.consumption.update({ id: november.id, period: '2026-10', allowDuplicate: true });
  expect(moved.period).toBe('2026-10');
  expect(october.period).toBe('2026-10');
});

it('does not edit the records of a deleted account', async () => {
  const person = await api.accounts.create({ kind: 'person', name: '王芳' });
  const company = await api.accounts.create({ kind: 'organization', name: '华新电子' });
  const visit = await api.visits.create({ accountId: person.id, kind: 'phone', content: '回访' });
  const employs = await api.relationships.create({ fromId: company.id, toId: person.id, type: 'employs' });
  await api.accounts.delete({ id: person.id });
  await expect(api.visits.update({ id: visit.id, content: '改' })).rejects.toMatchObject({
    code: 'ACCOUNT_DELETED',
  });
  await expect(api.relationships.update({ id: employs.id, role: '经理' })).rejects.toMatchObject({
    code: 'ACCOUNT_DELETED',
  });
  await api.accounts.undelete({ id: person.id });
  expect((await api.visits.update({ id: visit.id, content: '改' })).content).toBe('改');
});

it('reads amounts in yuan the way people write them, and nothing else', () => {
  expect(parseYuan('1,234.5')).toBe(123450);
  expect(parseYuan('¥12,345,678.90')).toBe(1234567890);
  expect(parseYuan('-0')).toBe(0);
  expect(Object.is(parseYuan('-0.00'), 0)).toBe(true);
  for (const bad of ['1,,2', '12,34', ',123', '1.234', '1e3', '']) expect(parseYuan(bad), bad).toBeNull();
});

it('takes phone numbers typed in full-width (Chinese input method) like any other', async () => {
  const account = await api.accounts.create({
    kind: 'person',
    name: '李四',
    phones: [{ number: '＋８６ １３９－００１３－９０００' }],
  });
  const detail = await api.accounts.detail({ id: account.id });
  expect(detail.phones.map((phone) => phone.number)).toEqual(['13900139000']);
});

it('gives each anniversary its next date and age, by the lunar calendar too', async () => {
  const person = await api.accounts.create({ kind: 'person', name: '陈中秋' });
  await api.anniversaries.create({
    accountId: person.id,
    kind: 'birthday',
    calendar: 'lunar',
    month: 8,
    day: 15,
    year: 1978,
  });
  const [birthday] = (await api.accounts.detail({ id: person.id })).anniversaries;
  const today = localToday();
  expect((birthday?.next.date ?? '') >= today).toBe(true);
  expect(birthday?.next).toEqual(
    nextOccurrence({ calendar: 'lunar', month: 8, day: 15, leapMonth: false, year: 1978 }, today),
  );
  expect(birthday?.next.years).toBe(Number(birthday?.next.date.slice(0, 4)) - 1978);
});
