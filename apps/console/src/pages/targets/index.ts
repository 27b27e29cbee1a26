/** The targets pages of the console (issue 6): the unit matrix, officers' monthly targets, progress. */
export { OfficerTargetsPage, type OfficerTargetsPageProps } from './OfficerTargetsPage.js';
export { ProgressPage, type ProgressPageProps } from './ProgressPage.js';
export { ProgressTable } from './ProgressTable.js';
export { TargetsMatrixPage, type TargetsMatrixPageProps } from './TargetsMatrixPage.js';
