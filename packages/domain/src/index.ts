/**
 * @thads/domain: the pure rules of THADS statistics. No I/O, no clock, no environment: dates,
 * "today" and the rule set come in as arguments.
 */
export * from './decimal.js';
export * from './errors.js';
export * from './events.js';
export * from './format.js';
export * from './lines.js';
export * from './period.js';
export * from './registry-report.js';
export * from './report.js';
export * from './roles.js';
export * from './rule-set.js';
export * from './units.js';
export * from './validation.js';
export * from './targets.js';
export * from './progress.js';
export * from './officer-targets.js';
export * from './public-list.js';
export * from './workflow.js';
export * from './case-registry.js';
export * from './summary.js';
export * from './plans.js';
export * from './classification.js';
