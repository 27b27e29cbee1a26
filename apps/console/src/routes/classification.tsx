/**
 * Rà soát, phân loại hồ sơ (issue 7): the yearly classification review. Who may record a review is
 * the server's (packages/api/src/routers/classification.ts); every role reads its scope.
 */
import { ROLES } from '@thads/domain';
import { ReviewPage } from '../pages/classification/ReviewPage.js';
import type { ConsoleRoute } from './types.js';

export const reviewRoute: ConsoleRoute = {
  path: 'ra-soat-phan-loai',
  nav: 'Rà soát, phân loại hồ sơ',
  roles: ROLES.filter((r) => r !== 'admin'),
  render: ({ user, today }) => <ReviewPage user={user} today={today} />,
};
