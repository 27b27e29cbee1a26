export * from './aggregate.js';
export * from './cases.js';
export * from './csv.js';
export * from './issues.js';
export * from './targets.js';
export * from './units.js';
export * from './workbook.js';
export * from './xlsx.js';
