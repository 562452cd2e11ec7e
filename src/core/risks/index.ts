/** Risk points and the four-colour risk map (C3): vocabularies, rules and map geometry. */
export * from './rules.js';
export * from './geometry.js';
