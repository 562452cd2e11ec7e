export * from './template.js';
export * from './conditions.js';
export * from './validate.js';
export * from './calendar.js';
export * from './machine.js';
export * from './duties.js';
