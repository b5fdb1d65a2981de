import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy, createWindowOptions, isRendererUrl } from '../../electron/windowOptions';

vi.mock('electron', () => ({}));

describe('createWindowOptions', () => {
  const { webPreferences } = createWindowOptions('/app/dist/electron/preload.cjs', { packaged: true });

  it('isolates the page: context isolation and sandbox on, Node off', () => {
    expect(webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has no DevTools in the packaged app, and keeps them for development', () => {
    expect(webPreferences?.devTools).toBe(false);
    const development = createWindowOptions('/src/electron/preload.cjs', { packaged: false });
    expect(development.webPreferences?.devTools).toBe(true);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only our own scripts and no plugins, base or framing', () => {
    const directives = new Map(
      contentSecurityPolicy.split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval/);
  });

  it('is the policy renderer/index.html declares', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy);
  });
});

describe('isRendererUrl', () => {
  const renderer = 'file:///opt/Fieldbook/resources/app.asar/dist/renderer/index.html';

  it('accepts our page, with any query or fragment', () => {
    expect(isRendererUrl(renderer, renderer)).toBe(true);
    expect(isRendererUrl(`${renderer}#/accounts/1`, renderer)).toBe(true);
    expect(isRendererUrl(`${renderer}?q=1`, renderer)).toBe(true);
  });

  it('accepts the same Windows path spelled differently', () => {
    const windows = 'file:///C:/Program%20Files/Fieldbook/dist/renderer/index.html';
    expect(isRendererUrl('file:///c:/Program Files/Fieldbook/dist/renderer/index.html', windows)).toBe(true);
  });

  it('refuses anything else', () => {
    for (const url of [
      'file:///opt/Fieldbook/resources/app.asar/dist/renderer/other.html',
      'file:///etc/passwd',
      'file://host/opt/Fieldbook/resources/app.asar/dist/renderer/index.html',
      'https://example.com/opt/Fieldbook/resources/app.asar/dist/renderer/index.html',
      'about:blank',
      'not a url',
      'file:///%E0%A4%A',
    ]) {
      expect(isRendererUrl(url, renderer), url).toBe(false);
    }
  });
});
