/** The unified standards library (C2): document types, national defaults, evaluation, validation, mappings. */
export * from './types.js';
export { DEFAULT_STANDARDS, BASIS } from './defaults.js';
export {
  evaluate,
  tryEvaluate,
  isEvaluationKind,
  lecBandOf,
  fourColour,
  StandardsInputError,
  type EvaluationResult,
} from './evaluate.js';
export { validateStandards, lsProducts, LS_AXIS_MIN, LS_AXIS_MAX } from './validate.js';
export * from './mapping.js';
