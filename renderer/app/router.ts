import { useSyncExternalStore } from 'react';

/**
 * Screens are addressed by the URL hash (`#/account/<id>`), so Back and Forward work in the
 * desktop window and in preview mode alike, with no router library.
 */
export type Route =
  | { readonly page: 'search' }
  | { readonly page: 'accounts' }
  | { readonly page: 'agenda' }
  | { readonly page: 'anniversaries' }
  | { readonly page: 'statistics' }
  | { readonly page: 'import' }
  | { readonly page: 'sync' }
  | { readonly page: 'backups' }
  | { readonly page: 'handover' }
  | { readonly page: 'audit' }
  | { readonly page: 'maintenance' }
  | { readonly page: 'users' }
  | { readonly page: 'account'; readonly id: string }
  | { readonly page: 'new' }
  | { readonly page: 'settings' };

export function parseRoute(hash: string): Route {
  const [page = '', id = ''] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'account' && id !== '') return { page: 'account', id: decodeURIComponent(id) };
  if (
    page === 'accounts' ||
    page === 'agenda' ||
    page === 'anniversaries' ||
    page === 'statistics' ||
    page === 'import' ||
    page === 'sync' ||
    page === 'backups' ||
    page === 'handover' ||
    page === 'audit' ||
    page === 'maintenance' ||
    page === 'users' ||
    page === 'new' ||
    page === 'settings'
  )
    return { page };
  return { page: 'search' };
}

export function hrefFor(route: Route): string {
  return route.page === 'account' ? `#/account/${encodeURIComponent(route.id)}` : `#/${route.page}`;
}

const ROUTE_CHANGED = 'fieldbook:route';

/**
 * Changes screen at once: the new screen renders before the next key press is handled, so
 * nothing typed right after a shortcut is lost (a hash assignment would wait for `hashchange`).
 */
export function navigate(route: Route): void {
  const href = hrefFor(route);
  if (window.location.hash === href) return;
  window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(ROUTE_CHANGED));
}

const ROUTE_EVENTS = ['hashchange', 'popstate', ROUTE_CHANGED] as const;

const subscribe = (onChange: () => void) => {
  for (const name of ROUTE_EVENTS) window.addEventListener(name, onChange);
  return () => {
    for (const name of ROUTE_EVENTS) window.removeEventListener(name, onChange);
  };
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
