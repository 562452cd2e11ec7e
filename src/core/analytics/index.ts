export * from './kpis.js';
export * from './period.js';
