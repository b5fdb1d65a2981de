import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBookBackend, startPreviewServer, type PreviewServer } from '../../db/preview/server';
import { openFieldbook, type Fieldbook } from '../../db/service';

/**
 * Preview mode carries files in the request body like Electron's IPC does: a sync file of
 * 200,000 records (8 MB) must reach the sync service, and a body over a limit is refused as
 * too large, not as "not JSON" (which the page showed as "some entries are invalid").
 */
let directory: string;
let fieldbook: Fieldbook;
let preview: PreviewServer;
let port: number;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-preview-body-'));
  const renderer = join(directory, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
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

function post(operation: string, body: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/${operation}`,
        method: 'POST',
        headers: { host: `127.0.0.1:${port}`, 'x-fieldbook-token': preview.token },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('request bodies in preview mode', () => {
  it('takes a sync file of 8 MB to the sync service', async () => {
    const file = randomBytes(8 * 1024 * 1024).toString('base64');
    const reply = await post(
      'sync.preview',
      JSON.stringify({ contentBase64: file, passphrase: 'a long enough passphrase' }),
    );
    expect(reply.status).toBe(200);
    // The service read it: random bytes are no sync file.
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'SYNC_NOT_A_BUNDLE' } });
  });

  it('refuses a body over the limit as too large, in a typed answer', async () => {
    const reply = await post('lookup.search', JSON.stringify({ query: 'x'.repeat(9 * 1024 * 1024) }));
    expect(reply.status).toBe(413);
    expect(reply.type).toContain('application/json');
    const answer = JSON.parse(reply.body) as { ok: boolean; error: { code: string; message: string } };
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(answer.error.message).toBe('The request is over 8388608 bytes');
    // The connection still answers.
    expect((await post('lookup.search', '{"query":"x"}')).status).toBe(200);
  });

  it('passes sync progress on the event stream', async () => {
    const received = new Promise<string>((resolve, reject) => {
      let seen = '';
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/events',
          headers: { host: `127.0.0.1:${port}`, 'x-fieldbook-token': preview.token },
        },
        (res) => {
          res.on('data', (chunk: Buffer) => {
            seen += chunk.toString('utf8');
            if (seen.includes('"phase":"encrypt"')) {
              resolve(seen);
              req.destroy();
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await post('sync.export', JSON.stringify({ full: true, passphrase: 'a long enough passphrase' }));
    const events = await received;
    expect(events).toContain(
      'event: sync.progress\ndata: {"job":"export","phase":"rows","done":0,"total":0}',
    );
  });
});
