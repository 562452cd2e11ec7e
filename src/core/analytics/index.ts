export * from './kpis.js';
export * from './period.js';
export * from './histogram.js';
export * from './suggestions.js';
export * from './scores.js';
export * from './compute.js';
