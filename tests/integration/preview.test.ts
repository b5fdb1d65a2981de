import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openBookBackend, startPreviewServer, type PreviewServer } from '../../db/preview/server';
import { openFieldbook, type Fieldbook } from '../../db/service';

let directory: string;
let fieldbook: Fieldbook;
let preview: PreviewServer;
let port: number;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-preview-'));
  const renderer = join(directory, 'renderer');
  mkdirSync(renderer);
  writeFileSync(
    join(renderer, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body></body></html>',
  );
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(directory, 'secret.txt'), 'secret');
  fieldbook = await openFieldbook(join(directory, 'preview.db'));
  preview = await startPreviewServer({
    backend: openBookBackend(fieldbook, () => 'm009'),
    rendererDirectory: renderer,
  });
  port = Number(new URL(preview.url).port);
});

afterAll(async () => {
  await preview.close();
  fieldbook.close();
  rmSync(directory, { recursive: true, force: true });
});

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** Raw HTTP, so the Host header can be forged the way a DNS-rebinding page would. */
function call(
  path: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; port?: number } = {},
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port ?? port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${options.port ?? port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const withToken = () => ({ 'x-fieldbook-token': preview.token });
const withCookie = () => ({ cookie: `fieldbook_token=${preview.token}` });
const accountCount = () =>
  (fieldbook.db.sqlite.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;

describe('preview server', () => {
  it('serves the app with the shim only to a URL that carries the token, and sets the cookie', async () => {
    expect((await call('/')).status).toBe(401);
    expect((await call('/?token=wrong')).status).toBe(401);
    const page = await call(`/?token=${preview.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<head><script src="/preview-shim.js"></script>');
    expect(String(page.headers['set-cookie'])).toContain('HttpOnly');
    const cookie = await call('/api/lookup.search', {
      method: 'POST',
      body: '{"query":"x"}',
      headers: { cookie: `fieldbook_token=${preview.token}` },
    });
    expect(cookie.status).toBe(200);
  });

  it('refuses other Host headers (DNS rebinding) and calls without the token', async () => {
    const rebound = await call('/api/lookup.search', {
      method: 'POST',
      body: '{"query":"x"}',
      headers: { host: 'evil.example:80', ...withToken() },
    });
    expect(rebound.status).toBe(403);
    expect((await call('/api/lookup.search', { method: 'POST', body: '{"query":"x"}' })).status).toBe(401);
    expect((await call('/api/lookup.search', { headers: withToken() })).status).toBe(405);
  });

  it('runs the contract through the same dispatcher, typed errors included', async () => {
    const created = await call('/api/accounts.create', {
      method: 'POST',
      body: JSON.stringify({ kind: 'person', name: '王芳' }),
      headers: withToken(),
    });
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { name: '王芳', owner: 'm009' } });
    const invalid = await call('/api/accounts.create', {
      method: 'POST',
      body: '{"kind":"robot"}',
      headers: withToken(),
    });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const notJson = await call('/api/accounts.create', { method: 'POST', body: '{', headers: withToken() });
    expect(notJson.status).toBe(400);
  });

  it('does not serve files outside the renderer folder', async () => {
    const escaped = await call('/..%2Fsecret.txt', { headers: withToken() });
    expect(escaped.status).toBe(403);
    expect(escaped.body).not.toContain('secret');
  });

  it('announces changes on the event stream', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/events', headers: { host: `127.0.0.1:${port}`, ...withToken() } },
        (res) => {
          res.on('data', (chunk: Buffer) => {
            const text = chunk.toString('utf8');
            if (text.includes('data.changed')) {
              resolve(text);
              req.destroy();
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await call('/api/accounts.create', {
      method: 'POST',
      body: JSON.stringify({ kind: 'person', name: '李雷' }),
      headers: withToken(),
    });
    expect(await received).toContain('"entities":["accounts"]');
  });

  it('serves nothing without the cookie but the page the printed URL opens', async () => {
    for (const path of ['/assets/app.js', '/preview-shim.js', '/index.html', '/missing.js', '/']) {
      const refused = await call(path);
      expect(refused.status, path).toBe(401);
      expect(refused.body, path).not.toContain('console.log');
    }
    expect((await call('/assets/app.js?token=' + preview.token)).status).toBe(401);
    const app = await call('/assets/app.js', { headers: withCookie() });
    expect(app.status).toBe(200);
    expect(app.body).toBe('console.log("app")');
    expect((await call('/preview-shim.js', { headers: withCookie() })).status).toBe(200);
    const page = await call(`/?token=${preview.token}`);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses API calls and the event stream from other origins, cookie or not', async () => {
    const count = accountCount();
    const body = JSON.stringify({ kind: 'person', name: '跨站' });
    // Another local server's page is "same-site" (ports do not count), so its POSTs carry the cookie.
    for (const headers of [
      { origin: 'http://127.0.0.1:8080' },
      { origin: 'http://localhost:8080' },
      { origin: 'null' },
      { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const refused = await call('/api/accounts.create', {
        method: 'POST',
        body,
        headers: { ...withCookie(), 'content-type': 'text/plain', ...headers },
      });
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      const events = await call('/events', { headers: { ...withCookie(), ...headers } });
      expect(events.status, JSON.stringify(headers)).toBe(403);
    }
    expect(accountCount()).toBe(count);
    const ours = await call('/api/accounts.create', {
      method: 'POST',
      body,
      headers: { ...withCookie(), origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(ours.status).toBe(200);
    expect(accountCount()).toBe(count + 1);
  });

  it('answers a failure with a generic 500 and keeps the details for the log', async () => {
    const failing: Fieldbook = {
      ...fieldbook,
      call: () => Promise.reject(new Error('SQLITE_IOERR at /home/m009/private/fieldbook.db')),
    };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = await startPreviewServer({
      backend: openBookBackend(failing, () => 'm009'),
      rendererDirectory: join(directory, 'renderer'),
    });
    try {
      const reply = await call('/api/lookup.search', {
        method: 'POST',
        body: '{"query":"x"}',
        headers: { 'x-fieldbook-token': broken.token },
        port: Number(new URL(broken.url).port),
      });
      expect(reply.status).toBe(500);
      expect(reply.body).toBe('internal error');
      expect(String(logged.mock.calls.flat().map(String))).toContain('SQLITE_IOERR at /home/m009/private');
    } finally {
      logged.mockRestore();
      await broken.close();
    }
  });
});
