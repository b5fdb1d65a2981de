/**
 * What Electron's preload gives the renderer, over HTTP: `window.fieldbook.invoke(operation,
 * input)` resolves to the operation's `ApiResult`; `on(event, listener)` subscribes to main's
 * events through server-sent events. The token travels in an HttpOnly cookie.
 */
export const previewShim = `(() => {
  const listeners = new Map();
  let source = null;
  const connect = () => {
    if (source) return;
    source = new EventSource('/events');
    for (const event of ['data.changed', 'import.progress', 'sync.progress', 'session.changed']) {
      source.addEventListener(event, (message) => {
        const payload = JSON.parse(message.data);
        for (const listener of listeners.get(event) ?? []) listener(payload);
      });
    }
  };
  const invoke = async (operation, input) => {
    const response = await fetch('/api/' + operation, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: input === undefined ? '' : JSON.stringify(input),
    });
    if (response.headers.get('content-type')?.startsWith('application/json')) return response.json();
    return { ok: false, error: { code: 'FORBIDDEN', message: await response.text() } };
  };
  const on = (event, listener) => {
    connect();
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  Object.defineProperty(window, 'fieldbook', { value: Object.freeze({ invoke, on }), configurable: false });
})();
`;
