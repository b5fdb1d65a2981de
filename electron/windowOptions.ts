import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The window's security settings in one place, pure so a test can hold them to the hardening
 * of docs/ARCHITECTURE.md §7. The same policy is sent as a header by main and written as a
 * <meta> tag in renderer/index.html (a file:// page gets no response headers).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface WindowPolicy {
  /** A packaged (installed) app: no DevTools, which would open the book to anyone at the keyboard. */
  readonly packaged: boolean;
}

export function createWindowOptions(
  preloadPath: string,
  { packaged }: WindowPolicy,
): BrowserWindowConstructorOptions {
  return {
    title: 'Fieldbook',
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    // Shown on 'ready-to-show', so the window never flashes empty.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      devTools: !packaged,
    },
  };
}

/** A file URL's path, comparable across spellings of the same Windows drive letter. */
function filePath(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:' || parsed.host !== '') return null;
    const path = decodeURIComponent(parsed.pathname);
    return path.replace(/^\/([a-z]):/, (_, drive: string) => `/${drive.toUpperCase()}:`);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is our renderer page (query and fragment aside): the only page allowed to load
 * in our windows and to call the API.
 */
export function isRendererUrl(url: string, rendererUrl: string): boolean {
  const actual = filePath(url);
  return actual !== null && actual === filePath(rendererUrl);
}
