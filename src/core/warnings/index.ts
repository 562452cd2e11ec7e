export * from './levels.js';
export * from './cap.js';
export * from './identifier.js';
export * from './events.js';
export * from './signals.js';
export * from './rules.js';
export * from './feed.js';
export { MAX_XML_CHARS } from './xml.js';
