import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { openBookBackend, startPreviewServer } from '../../db/preview/server';
import { jobThreadFromSource } from '../../db/jobs/fromSource';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { buildRenderer } from '../e2e/buildRenderer';
import { launchChromium } from '../e2e/chromium';
import { percentile, seededRandom, type Random } from './stats';

/**
 * The UI on a large database, in Chromium, through preview mode: how long from a keystroke
 * in the search box until the results for what the box now says are painted, and whether the
 * accounts list stays a handful of DOM rows while scrolling through every account.
 */
export interface UiBenchResult {
  /** Keydown → the answer for the box's text in the DOM and a frame painted, in ms. */
  readonly keystrokeP50: number;
  readonly keystrokeP95: number;
  /** Keystrokes measured. */
  readonly samples: number;
  /** The median and p95 of each part of a keystroke, and of the server's `lookup.search` call alone. */
  readonly parts: Readonly<
    Record<keyof KeystrokeParts | 'serverCall' | 'serverRequest', { p50: number; p95: number }>
  >;
  /** Active accounts the list holds. */
  readonly listTotal: number;
  /** Most `.list-row` rows in the DOM at any moment while scrolling. */
  readonly maxListDomRows: number;
  /** The last account was drawn after scrolling to the end. */
  readonly scrolledToEnd: boolean;
}

/** Where one keystroke's time went, each part in ms from the one before. */
export interface KeystrokeParts {
  /** Keydown → the question for the box's text sent (`fetch` called). */
  readonly toRequest: number;
  /** Request → its response in (headers), the server's work and the loopback trip. */
  readonly toResponse: number;
  /** Of `toResponse`, the network's part (Resource Timing: fetch start → first response byte). */
  readonly network: number;
  /** Response → the answer in the DOM (the app parsed it and React committed it). */
  readonly toCommit: number;
  /** Commit → the frame that shows it painted. */
  readonly toPaint: number;
}

interface Probe {
  arm(expected: string): void;
  settle(timeoutMs: number): Promise<number>;
  parts(): KeystrokeParts | null;
}

type ProbeWindow = Window & { fieldbookProbe?: Probe; fieldbookListMax?: number };

/**
 * Runs in the page before the app. Records each search answer (the page asks once per
 * keystroke) as the list must then show it: the accounts in order and the marked text. A
 * keystroke is done at the first animation frame that shows its answer; the time is taken
 * after that frame (a task queued from the frame callback runs once it is painted).
 */
function installProbe(): void {
  interface Expected {
    readonly query: string;
    readonly rows: readonly { id: string; mark: string }[];
  }
  interface Hit {
    account: { id: string; name: string };
    field: string;
    text: string;
    start: number;
    end: number;
  }
  const answers = new Map<string, Expected>();
  let expected: string | null = null;
  let startedAt: number | null = null;
  // The breakdown: when the question for the expected text left, its answer came, the DOM showed it.
  let requestedAt: number | null = null;
  let respondedAt: number | null = null;
  let committedAt: number | null = null;
  let paintedAt: number | null = null;
  const markOf = (hit: Hit) => {
    if (hit.end <= hit.start || hit.field === 'id') return '';
    const nameField = hit.field === 'name' || hit.field === 'pinyin' || hit.field === 'initials';
    return (nameField ? hit.account.name : hit.text).slice(hit.start, hit.end);
  };
  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const search = url.endsWith('/api/lookup.search') && typeof init?.body === 'string';
    const asked = search ? (JSON.parse(init.body as string) as { query: string }).query : null;
    if (asked !== null && asked === expected) requestedAt = performance.now();
    const response = await originalFetch(input, init);
    if (asked !== null && asked === expected) respondedAt = performance.now();
    if (asked !== null) {
      void response
        .clone()
        .json()
        .then((result: { ok: boolean; value?: { query: string; hits: Hit[] } }) => {
          if (!result.ok || !result.value) return;
          const rows = result.value.hits.map((hit) => ({ id: hit.account.id, mark: markOf(hit) }));
          answers.set(asked, { query: result.value.query, rows });
        });
    }
    return response;
  };
  const begin = () => {
    if (expected !== null && startedAt === null) startedAt = performance.now();
  };
  window.addEventListener('keydown', begin, true);
  window.addEventListener('beforeinput', begin, true);

  const shown = (query: string): boolean => {
    const box = document.getElementById('search-box') as HTMLInputElement | null;
    const answer = answers.get(query);
    if (!box || box.value !== query || !answer) return false;
    const options = Array.from(document.querySelectorAll('#search-results [role=option]'));
    if (answer.rows.length === 0) {
      const empty = document.querySelector('.search-page .empty')?.textContent ?? '';
      return options.length === 0 && empty.includes(`“${answer.query}”`);
    }
    return (
      options.length === answer.rows.length &&
      answer.rows.every((row, i) => {
        const option = options[i];
        const href = option?.querySelector('a')?.getAttribute('href') ?? '';
        const mark = (option?.querySelector('mark')?.textContent ?? '').replace(/\s/g, '');
        return href.endsWith(`/${encodeURIComponent(row.id)}`) && mark === row.mark.replace(/\s/g, '');
      })
    );
  };

  // The answer is in the DOM from the last change before the frame that shows it (checking at
  // each change cannot tell: React may commit before the probe's own copy of the answer is parsed).
  let changedAt: number | null = null;
  new MutationObserver(() => {
    changedAt = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });

  const probe: Probe = {
    arm(query) {
      expected = query;
      startedAt = null;
      requestedAt = respondedAt = committedAt = paintedAt = null;
      answers.clear();
    },
    parts() {
      if (startedAt === null || requestedAt === null || respondedAt === null || paintedAt === null)
        return null;
      const committed = committedAt ?? respondedAt;
      const sent = requestedAt;
      const timing = performance
        .getEntriesByType('resource')
        .filter((entry): entry is PerformanceResourceTiming => entry.name.endsWith('/api/lookup.search'))
        .find((entry) => entry.startTime >= sent);
      performance.clearResourceTimings();
      return {
        toRequest: requestedAt - startedAt,
        toResponse: respondedAt - requestedAt,
        network: timing ? timing.responseStart - timing.startTime : 0,
        toCommit: committed - respondedAt,
        toPaint: paintedAt - committed,
      };
    },
    settle(timeoutMs) {
      const query = expected ?? '';
      const deadline = performance.now() + timeoutMs;
      return new Promise((resolve, reject) => {
        const frame = () => {
          if (shown(query)) {
            committedAt = changedAt;
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              paintedAt = performance.now();
              resolve(paintedAt - (startedAt ?? deadline - timeoutMs));
            };
            channel.port2.postMessage(null);
            expected = null;
          } else if (performance.now() > deadline) {
            reject(new Error(`The results for "${query}" did not appear within ${timeoutMs} ms`));
          } else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
    },
  };
  (window as ProbeWindow).fieldbookProbe = probe;
}

/** What people type: phone endings, whole names, two characters of a company, pinyin, initials. */
function sampleQueries(fieldbook: Fieldbook, keystrokes: number, random: Random): string[] {
  const sqlite = fieldbook.db.sqlite;
  const maxRid = (sqlite.prepare('SELECT max(rid) AS n FROM accounts').get() as { n: number | null }).n ?? 0;
  if (maxRid === 0) throw new Error('The database has no accounts to search for');
  const pick = sqlite.prepare(
    `SELECT a.name, a.name_pinyin AS pinyin, a.kind, p.number FROM accounts a
     LEFT JOIN account_phones p ON p.account_id = a.id AND p.deleted = 0
     WHERE a.rid >= ? AND a.deleted = 0 LIMIT 1`,
  );
  const queries: string[] = [];
  let typed = 0;
  for (let i = 0; typed < keystrokes; i++) {
    const row = pick.get(1 + Math.floor(random() * maxRid)) as
      { name: string; pinyin: string; kind: string; number: string | null } | undefined;
    if (!row) continue;
    const syllables = row.pinyin.split(' ').filter(Boolean);
    const characters = Array.from(row.name);
    const start = Math.floor(random() * Math.max(1, characters.length - 2));
    const candidates = [
      row.number?.slice(-(4 + Math.floor(random() * 4))),
      row.kind === 'person' ? row.name : characters.slice(start, start + 2).join(''),
      syllables.slice(0, 2).join(''),
      syllables
        .slice(0, 3)
        .map((syllable) => syllable.charAt(0))
        .join(''),
    ];
    const query = candidates[i % candidates.length];
    if (!query) continue;
    queries.push(query);
    typed += Array.from(query).length;
  }
  return queries;
}

async function measureKeystrokes(
  page: Page,
  queries: readonly string[],
): Promise<{ latencies: number[]; parts: KeystrokeParts[] }> {
  const box = page.locator('#search-box');
  const latencies: number[] = [];
  const parts: KeystrokeParts[] = [];
  for (const query of queries) {
    await box.fill('');
    await page.locator('#search-results, .search-page .empty').waitFor({ state: 'detached' });
    let text = '';
    for (const character of Array.from(query)) {
      text += character;
      await page.evaluate((expected) => (window as ProbeWindow).fieldbookProbe?.arm(expected), text);
      await page.keyboard.type(character);
      latencies.push(
        await page.evaluate(() => {
          const probe = (window as ProbeWindow).fieldbookProbe;
          if (!probe) throw new Error('The probe is not installed');
          return probe.settle(15_000);
        }),
      );
      const split = await page.evaluate(() => (window as ProbeWindow).fieldbookProbe?.parts() ?? null);
      if (split) parts.push(split);
    }
  }
  return { latencies, parts };
}

/** Scrolls page by page through the first screens, then in strides, then to the very end. */
async function measureList(page: Page, fieldbook: Fieldbook) {
  const api = fieldbook.client({ actor: 'bench' });
  const listTotal = (await api.accounts.list({ limit: 1 })).total;
  const last =
    listTotal > 0 ? (await api.accounts.list({ offset: listTotal - 1, limit: 1 })).rows[0] : undefined;
  await page.evaluate(() => {
    window.location.hash = '#/accounts';
  });
  const list = page.locator('.list-scroller');
  await list.locator('.list-row a').first().waitFor({ timeout: 30_000 });
  await list.evaluate((element) => {
    const probeWindow = window as ProbeWindow;
    const count = () => {
      const rows = element.querySelectorAll('.list-row').length;
      probeWindow.fieldbookListMax = Math.max(probeWindow.fieldbookListMax ?? 0, rows);
    };
    count();
    new MutationObserver(count).observe(element, { childList: true, subtree: true });
  });
  // Rows in view are drawn with their data (a placeholder is a row without a link).
  const loaded = () =>
    list.evaluate(
      (element) =>
        new Promise<void>((resolve) => {
          const check = () => {
            const box = element.getBoundingClientRect();
            const visible = Array.from(element.querySelectorAll('.list-row')).filter((row) => {
              const rect = row.getBoundingClientRect();
              return rect.bottom > box.top && rect.top < box.bottom;
            });
            if (visible.length > 0 && visible.every((row) => row.querySelector('a'))) resolve();
            else requestAnimationFrame(check);
          };
          check();
        }),
    );
  const scrollTo = async (top: number) => {
    await list.evaluate((element, y) => element.scrollTo({ top: y }), top);
    await loaded();
  };
  const { height, scrollHeight } = await list.evaluate((element) => ({
    height: element.clientHeight,
    scrollHeight: element.scrollHeight,
  }));
  for (let step = 1; step <= 20; step++) await scrollTo(step * height);
  const strides = 40;
  for (let stride = 1; stride <= strides; stride++) await scrollTo((scrollHeight * stride) / strides);
  await scrollTo(scrollHeight);
  const scrolledToEnd =
    last !== undefined &&
    (await list.locator(`a[href$="/${encodeURIComponent(last.id)}"]`).isVisible()) &&
    (await list.evaluate((element) => element.scrollTop + element.clientHeight >= element.scrollHeight - 1));
  const maxListDomRows = await page.evaluate(() => (window as ProbeWindow).fieldbookListMax ?? 0);
  return { listTotal, maxListDomRows, scrolledToEnd };
}

/**
 * Opens `databasePath` (already seeded; it is only read) in preview mode in Chromium. Types
 * whole queries drawn from the data until at least `keystrokes` (default 300) are measured,
 * then scrolls the accounts list from top to bottom.
 */
export async function benchUi(
  databasePath: string,
  options: {
    keystrokes?: number;
    /** A Chromium trace of the keystrokes to this file. */
    trace?: string;
    /** A renderer built beforehand (comparing two builds in one session); kept afterwards. */
    rendererDirectory?: string;
  } = {},
): Promise<UiBenchResult> {
  const renderer = options.rendererDirectory
    ? { directory: options.rendererDirectory, remove: () => undefined }
    : await buildRenderer();
  const fieldbook = await openFieldbook(databasePath, { jobThread: jobThreadFromSource });
  const browser = await launchChromium().catch((error: unknown) => {
    fieldbook.close();
    renderer.remove();
    throw error;
  });
  // The server's own share of the response time: the service call, without HTTP and JSON.
  const serverCalls: number[] = [];
  const backend = openBookBackend(fieldbook, () => 'bench');
  const preview = await startPreviewServer({
    backend: {
      ...backend,
      call: async (name, input) => {
        const started = performance.now();
        const result = await backend.call(name, input);
        if (name === 'lookup.search') serverCalls.push(performance.now() - started);
        return result;
      },
    },
    rendererDirectory: renderer.directory,
  });
  // The server's whole share: request headers in → response handed to the socket.
  const serverRequests: number[] = [];
  preview.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.url !== '/api/lookup.search') return;
    const started = performance.now();
    response.on('finish', () => serverRequests.push(performance.now() - started));
  });
  try {
    // Past the first-run question (who uses this laptop), which would cover the search box.
    if ((await fieldbook.client({ actor: 'bench' }).settings.get()).managerCode === '')
      await fieldbook.client({ actor: 'bench' }).settings.update({ managerCode: 'bench' });
    const queries = sampleQueries(fieldbook, options.keystrokes ?? 300, seededRandom(11));
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(30_000);
    // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page
    // carry those calls, so the page needs the helper too.
    await context.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    await page.goto(preview.url);
    await page.locator('#search-box').waitFor();
    if (options.trace) await browser.startTracing(page, { path: options.trace, screenshots: false });
    const { latencies, parts } = await measureKeystrokes(page, queries);
    if (options.trace) await browser.stopTracing();
    const list = await measureList(page, fieldbook);
    const spread = (values: readonly number[]) => ({
      p50: percentile(values, 50),
      p95: percentile(values, 95),
    });
    return {
      keystrokeP50: percentile(latencies, 50),
      keystrokeP95: percentile(latencies, 95),
      samples: latencies.length,
      parts: {
        toRequest: spread(parts.map((part) => part.toRequest)),
        toResponse: spread(parts.map((part) => part.toResponse)),
        network: spread(parts.map((part) => part.network)),
        toCommit: spread(parts.map((part) => part.toCommit)),
        toPaint: spread(parts.map((part) => part.toPaint)),
        serverCall: spread(serverCalls),
        serverRequest: spread(serverRequests),
      },
      ...list,
    };
  } finally {
    await browser.close();
    await preview.close();
    fieldbook.close();
    renderer.remove();
  }
}

/** The breakdown as one line: each part's p50 / p95 in ms. */
export function formatKeystrokeParts(parts: UiBenchResult['parts']): string {
  const part = (name: string, spread: { p50: number; p95: number }) =>
    `${name} ${spread.p50.toFixed(1)} / ${spread.p95.toFixed(1)}`;
  return [
    part('keydown → request', parts.toRequest),
    part('request → response', parts.toResponse),
    part('(network', parts.network) + ')',
    part('response → commit', parts.toCommit),
    part('commit → painted', parts.toPaint),
    part('server request', parts.serverRequest),
    part('(lookup.search call', parts.serverCall) + ')',
  ].join(', ');
}
