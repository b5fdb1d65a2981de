import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { contract, isOperationName, type OperationName, type ProgressEvent } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import type { SessionState } from '../../shared/types';
import type { Fieldbook } from '../service';
import { previewShim } from './shim';

/**
 * Preview mode: the real renderer in any browser, against a real database, over loopback.
 * Same service calls as Electron's IPC (long operations on the job thread when the book has
 * one); only the transport differs. Guarded like a local notebook server: bound to 127.0.0.1,
 * a random token per run (given once in the URL, then an HttpOnly same-site cookie) required
 * on every path, the Host header checked against DNS rebinding, and the API and event stream
 * closed to other origins: any page on this computer is "same-site" for the cookie (sites
 * ignore ports), so only the Origin tells our page from another local server's.
 */
/**
 * What the server sends operations to and hears events from: the sign-in door
 * (db/access/gate.ts), or an open book as one fixed user (`openBookBackend`: tests, tools).
 */
export interface PreviewBackend {
  call(name: string, input: unknown): Promise<ApiResult<unknown>>;
  onDataChanged(listener: (operation: OperationName) => void): () => void;
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  onSessionChanged?(listener: (state: SessionState) => void): () => void;
}

/** An open book behind no door: every call as `actor()`, with no limits of a role. */
export function openBookBackend(fieldbook: Fieldbook, actor: () => string): PreviewBackend {
  return {
    call: (name, input) => fieldbook.call(name, input, { actor: actor() }),
    onDataChanged: (listener) => fieldbook.onDataChanged(listener),
    onProgress: (listener) => fieldbook.onProgress(listener),
  };
}

export interface PreviewOptions {
  readonly backend: PreviewBackend;
  /** The built renderer (`dist/renderer`). */
  readonly rendererDirectory: string;
  readonly port?: number;
  readonly token?: string;
}

export interface PreviewServer {
  readonly url: string;
  readonly token: string;
  readonly server: Server;
  close(): Promise<void>;
}

const cookieName = 'fieldbook_token';
const maxBodyBytes = 8 * 1024 * 1024;

/**
 * The largest body an operation takes: what the contract says for the operations that carry a
 * whole file (a sync file of 200,000 records is 8 MB, 11 MB as base64), so preview mode refuses
 * no file Electron accepts; 8 MB for the rest.
 */
function bodyLimitOf(operation: string): number {
  return (isOperationName(operation) ? contract[operation].settings.maxBody : undefined) ?? maxBodyBytes;
}

class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super('request body too large');
  }
}
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function cookieToken(request: IncomingMessage): string | undefined {
  const cookies = request.headers.cookie?.split(';') ?? [];
  for (const cookie of cookies) {
    const [name, value] = cookie.trim().split('=');
    if (name === cookieName) return value;
  }
  return undefined;
}

/**
 * Whether a request to the API or the event stream comes from our own page. Browsers send
 * `Origin` on every POST and on cross-origin reads, and `Sec-Fetch-Site` on every request;
 * a client outside a browser (a script with the token header) sends neither.
 */
function fromOurPage(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${request.headers.host ?? ''}`) return false;
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
) {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // The first URL carries the token: never pass it on as a referrer.
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
  });
  response.end(body);
}

/**
 * The body as text. One over the limit is refused at once (`BodyTooLarge`) and the rest of it
 * read and dropped, so the answer reaches the client instead of a reset connection.
 */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        chunks.length = 0;
        reject(new BodyTooLarge(limit));
      }
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * A body over the limit is refused as what it is, not as a body that is not JSON: for a file,
 * the contract's own bound (`too_big` at `contentBase64`, as the schema would say it).
 */
function refuseTooLarge(response: ServerResponse, operation: string, limit: number): void {
  const issues =
    !isOperationName(operation) || contract[operation].settings.maxBody === undefined
      ? []
      : [{ path: ['contentBase64'], code: 'too_big', origin: 'string', maximum: limit, message: 'Too big' }];
  const error = { code: 'VALIDATION_FAILED', message: `The request is over ${limit} bytes`, issues };
  send(response, 413, JSON.stringify({ ok: false, error }), 'application/json; charset=utf-8');
}

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const root = normalize(options.rendererDirectory);
  const listeners = new Set<ServerResponse>();
  const broadcast = (name: string, payload: unknown) => {
    const event = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const listener of listeners) listener.write(event);
  };
  const { backend } = options;
  const unsubscribe = backend.onDataChanged((operation: OperationName) =>
    broadcast('data.changed', { entities: [operation.split('.')[0]] }),
  );
  const unsubscribeProgress = backend.onProgress(({ name, payload }) => broadcast(name, payload));
  const unsubscribeSession =
    backend.onSessionChanged?.((state) => broadcast('session.changed', state)) ?? (() => undefined);
  let allowedHosts = new Set<string>();

  const serveFile = async (response: ServerResponse, path: string) => {
    const file = normalize(join(root, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (file !== root && !file.startsWith(root + sep)) return send(response, 403, 'forbidden');
    try {
      let body: string | Buffer = await readFile(file);
      if (extname(file) === '.html') {
        // The shim stands in for Electron's preload: it must run before the app's scripts.
        body = body.toString('utf8').replace('<head>', '<head><script src="/preview-shim.js"></script>');
      }
      send(response, 200, body, contentTypes[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(response, 404, 'not found');
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (!allowedHosts.has(request.headers.host ?? '')) return send(response, 403, 'bad host');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const authorized = sameToken(
      cookieToken(request) ?? request.headers['x-fieldbook-token']?.toString(),
      token,
    );

    // The one request without the cookie: the printed URL, which sets it.
    if (url.pathname === '/' && url.searchParams.has('token')) {
      if (!sameToken(url.searchParams.get('token') ?? undefined, token))
        return send(response, 401, 'wrong token');
      response.setHeader('set-cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      return serveFile(response, '/');
    }
    if (!authorized)
      return send(response, 401, 'Open the URL printed by `npm run preview` (it carries the token).');
    const isApi = url.pathname.startsWith('/api/');
    if ((isApi || url.pathname === '/events') && !fromOurPage(request))
      return send(response, 403, 'cross-origin request refused');

    if (isApi) {
      if (request.method !== 'POST') return send(response, 405, 'POST only');
      let input: unknown;
      const operation = url.pathname.slice('/api/'.length);
      try {
        const text = await readBody(request, bodyLimitOf(operation));
        input = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch (error) {
        if (error instanceof BodyTooLarge) return refuseTooLarge(response, operation, error.limit);
        return send(
          response,
          400,
          JSON.stringify({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Body is not JSON' } }),
          'application/json',
        );
      }
      const result = await backend.call(operation, input);
      return send(response, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }
    if (url.pathname === '/events') {
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      response.write(': connected\n\n');
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
      return;
    }
    if (url.pathname === '/preview-shim.js') return send(response, 200, previewShim, contentTypes['.js']);
    return serveFile(response, url.pathname);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Details to the log only: an error's text can carry paths and data.
      console.error('[preview] request failed:', request.method, request.url?.split('?')[0], error);
      if (response.headersSent) response.destroy();
      else send(response, 500, 'internal error');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        unsubscribeProgress();
        unsubscribeSession();
        for (const listener of listeners) listener.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
