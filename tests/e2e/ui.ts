import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Small steps the tests share. Every wait is on visible state (a role, a label, an attribute),
 * never on time.
 */

/** Presses Tab until `target` has focus, proving it can be reached from the keyboard. */
export async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses <= maxPresses; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${String(target)} was not reached with ${maxPresses} presses of Tab`);
}

/** The error message a field shows for `control`, once the control is marked invalid. */
export async function fieldError(control: Locator): Promise<string> {
  await expect.poll(() => control.getAttribute('aria-invalid')).toBe('true');
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id))
      .filter((node) => node?.classList.contains('error'))
      .map((node) => node?.textContent ?? '')
      .join(' '),
  );
}

/** The search results as the list shows them: each option's name and its highlighted parts. */
export async function searchResults(page: Page): Promise<{ name: string; marks: string[] }[]> {
  return page
    .getByRole('listbox')
    .getByRole('option')
    .evaluateAll((options) =>
      options.map((option) => ({
        name: option.querySelector('.result-name')?.textContent ?? '',
        marks: Array.from(option.querySelectorAll('mark'), (mark) => mark.textContent ?? ''),
      })),
    );
}

/** Waits until the account screen shows `name` as its title. */
export async function accountOpened(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

/** Polls the API until `read` returns what is expected (the UI saves asynchronously). */
export function eventually<T>(read: () => Promise<T> | T): ReturnType<typeof expect.poll<Promise<T> | T>> {
  return expect.poll(read, { timeout: 5_000, interval: 50 });
}
