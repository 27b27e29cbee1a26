/**
 * One page of the console: its path under /console/, its entry in the navigation and who sees it.
 * Each page is a file in src/routes/ exporting one `ConsoleRoute`, listed once in routes/index.ts.
 */
import type { Role } from '@thads/domain';
import type { CurrentUser } from '@thads/ui';
import type { ReactNode } from 'react';

export interface PageContext {
  /** Today, read once when the app starts (default working year and month). */
  today: Date;
  /** The signed-in account. */
  user: CurrentUser;
}

export interface ConsoleRoute {
  /** Path under /console/ without a leading slash; '' is the home page. */
  path: string;
  /** The label of its link in the navigation; omit for a page without a link. */
  nav?: string;
  /**
   * Who sees the link and may open the page. The server checks every call on its own; this only
   * keeps the console from offering what would be refused.
   */
  roles: readonly Role[];
  /** Something shown after the navigation label (a count waiting for the account), if any. */
  navBadge?: (page: { user: CurrentUser }) => ReactNode;
  render: (page: PageContext) => ReactNode;
}
