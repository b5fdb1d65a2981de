import { expect, it } from 'vitest';
import { openDoor } from './harness';

/**
 * A supervisor on a team member's account: the mobile number is masked and the birth year hidden
 * (the day stays); a reveal for a stated purpose shows both, and is recorded (查阅登记).
 */
it('masks a team member’s customer’s number and birth year, and reveals them for a purpose', async () => {
  const { page, gate } = await openDoor({
    locale: 'zh-CN',
    setUp: async (door) => {
      await door.call('session.setUp', { code: 'admin', name: '陈', password: 'correct horse' });
      await door.call('users.add', {
        code: 's001',
        name: '周主管',
        role: 'supervisor',
        password: 'supervisor pass',
      });
      await door.call('users.add', {
        code: 'm001',
        name: '王经理',
        role: 'manager',
        supervisor: 's001',
        password: 'manager pass',
      });
      const created = await door.call('accounts.create', {
        kind: 'person',
        name: '张三',
        owner: 'm001',
        phones: [{ number: '13800138000' }],
      });
      if (!created.ok) throw new Error(created.error.message);
      const accountId = (created.value as { id: string }).id;
      await door.call('anniversaries.create', {
        accountId,
        kind: 'birthday',
        calendar: 'gregorian',
        month: 12,
        day: 8,
        year: 1980,
      });
      await door.call('session.lock', {});
      await door.call('session.signIn', { code: 's001', password: 'supervisor pass' });
    },
  });
  await page.getByRole('navigation').waitFor({ timeout: 30_000 });
  await page.getByRole('combobox', { name: '查找客户' }).fill('张三');
  await page.getByRole('option', { name: /张三/ }).first().click();
  await page.getByText('138****8000').waitFor();
  // The owner by name, from the book's users, with the code the book keeps.
  await page.getByRole('region', { name: '基本资料' }).getByText('王经理 m001', { exact: true }).waitFor();
  await page.getByText('您的角色不显示出生年份。').waitFor();
  await page.getByText('公历 12月8日').waitFor();
  expect(await page.getByText('1980年').count()).toBe(0);

  await page.getByRole('button', { name: '查看…' }).first().click();
  const dialog = page.getByRole('dialog', { name: '查看完整号码和出生年份' });
  await dialog.getByLabel('用途').fill('生日祝福核对');
  await dialog.getByRole('button', { name: '查看' }).click();
  await page.getByText('公历 1980年12月8日').waitFor();
  await expect.poll(() => page.getByText('138****8000').count()).toBe(0);
  const recorded = gate
    .current()
    ?.fieldbook.db.sqlite.prepare("SELECT actor, after FROM audit_log WHERE action = 'accounts.reveal'")
    .all() as { actor: string; after: string }[];
  expect(recorded.map((entry) => [entry.actor, JSON.parse(entry.after).purpose])).toEqual([
    ['s001', '生日祝福核对'],
  ]);
});
