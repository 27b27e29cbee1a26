export * from './auth.js';
export * from './format.js';
export * from './report-breakdown.js';
export * from './report-filters.js';
export * from './report-screen.js';
export * from './report-view.js';
export * from './trpc.js';
