/**
 * A small router over the History API for the summary's five kinds of page, instead of a routing
 * library: the pages are few and fixed, and this keeps the first load lean (react-router adds about
 * 20 kB gzip). Paths live under the app's base (/summary/); the working year and month ride in the
 * query string (?nam=2017&thang=9) so that every page can be bookmarked and shared, and links keep
 * them.
 */
import {
  useCallback,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { Scope } from '@thads/domain';

/** The app's base path: Vite's `base` (vite.config.ts) and where the server serves the build. */
export const BASE = '/summary/';

/** Who a page is about: the city (no unit), a unit in a scope, or an officer of a unit. */
export interface SubjectRef {
  unit?: string;
  scope?: Scope;
  officer?: string;
}

export type Route =
  | { page: 'overview'; subject: SubjectRef }
  | { page: 'units' }
  | { page: 'trends'; subject: SubjectRef }
  | { page: 'report' }
  | { page: 'not-found' };

/** The period carried by the query string; null parts are not given. */
export interface PeriodParams {
  year: number | null;
  month: number | null;
}

export interface Location {
  route: Route;
  period: PeriodParams;
}

const OWN = 'rieng';

function int(text: string | null): number | null {
  return text !== null && /^\d{1,4}$/.test(text) ? Number(text) : null;
}

/** Reads a path (under BASE) and its query string. */
export function parseLocation(pathname: string, search: string): Location {
  const params = new URLSearchParams(search);
  const period = { year: int(params.get('nam')), month: int(params.get('thang')) };
  const rest = pathname.startsWith(BASE)
    ? pathname.slice(BASE.length)
    : pathname.replace(/^\//, '');
  const parts = rest
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  const scope: Scope | undefined = params.get('pham-vi') === OWN ? 'own' : undefined;
  let route: Route = { page: 'not-found' };
  if (parts.length === 0) route = { page: 'overview', subject: {} };
  else if (parts[0] === 'don-vi' && parts.length === 1) route = { page: 'units' };
  else if (parts[0] === 'don-vi' && parts.length === 2)
    route = { page: 'overview', subject: { unit: parts[1]!, ...(scope ? { scope } : {}) } };
  else if (parts[0] === 'don-vi' && parts.length === 4 && parts[2] === 'chv')
    route = { page: 'overview', subject: { unit: parts[1]!, officer: parts[3]! } };
  else if (parts[0] === 'xu-huong' && parts.length === 1) {
    const unit = params.get('don-vi');
    const officer = params.get('chv');
    route = {
      page: 'trends',
      subject: {
        ...(unit ? { unit } : {}),
        ...(scope ? { scope } : {}),
        ...(unit && officer ? { officer } : {}),
      },
    };
  } else if (parts[0] === 'bao-cao' && parts.length === 1) route = { page: 'report' };
  return { route, period };
}

/** The href of a page, keeping the period given. */
export function hrefOf(route: Exclude<Route, { page: 'not-found' }>, period: PeriodParams): string {
  const params = new URLSearchParams();
  let path = '';
  switch (route.page) {
    case 'overview': {
      const { unit, scope, officer } = route.subject;
      if (unit !== undefined) {
        path = `don-vi/${encodeURIComponent(unit)}`;
        if (officer !== undefined) path += `/chv/${encodeURIComponent(officer)}`;
        else if (scope === 'own') params.set('pham-vi', OWN);
      }
      break;
    }
    case 'units':
      path = 'don-vi';
      break;
    case 'trends': {
      path = 'xu-huong';
      const { unit, scope, officer } = route.subject;
      if (unit !== undefined) params.set('don-vi', unit);
      if (officer !== undefined) params.set('chv', officer);
      else if (scope === 'own') params.set('pham-vi', OWN);
      break;
    }
    case 'report':
      path = 'bao-cao';
      break;
  }
  if (period.year !== null) params.set('nam', String(period.year));
  if (period.month !== null) params.set('thang', String(period.month));
  const query = params.toString();
  return `${BASE}${path}${query ? `?${query}` : ''}`;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Goes to `href` (same origin), adding a history entry unless `replace`. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.scrollTo?.(0, 0);
  for (const listener of listeners) listener();
}

/** The current location, re-rendered on navigation (links, back and forward). */
export function useLocation(serverHref = BASE): Location {
  const href = useSyncExternalStore(subscribe, snapshot, () => serverHref);
  const url = new URL(href, 'http://localhost');
  return parseLocation(url.pathname, url.search);
}

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  href: string;
  children: ReactNode;
}

/** An ordinary link that navigates inside the app (a modified click opens a tab as usual). */
export function Link({ href, children, onClick, ...rest }: LinkProps) {
  const handle = useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(event);
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      event.preventDefault();
      navigate(href);
    },
    [href, onClick],
  );
  return (
    <a href={href} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
