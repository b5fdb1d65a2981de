import { useSyncExternalStore } from 'react';

/**
 * Screens are addressed by the URL hash (`#/account/<id>`), so Back and Forward work in the
 * desktop window and in preview mode alike, with no router library.
 */
export type Route =
  | { readonly page: 'search' }
  | { readonly page: 'accounts' }
  | { readonly page: 'anniversaries' }
  | { readonly page: 'account'; readonly id: string }
  | { readonly page: 'new' }
  | { readonly page: 'settings' };

export function parseRoute(hash: string): Route {
  const [page = '', id = ''] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'account' && id !== '') return { page: 'account', id: decodeURIComponent(id) };
  if (page === 'accounts' || page === 'anniversaries' || page === 'new' || page === 'settings')
    return { page };
  return { page: 'search' };
}

export function hrefFor(route: Route): string {
  return route.page === 'account' ? `#/account/${encodeURIComponent(route.id)}` : `#/${route.page}`;
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
