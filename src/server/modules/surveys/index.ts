import { defineModule } from '../../platform/module.js';

/** Quarterly satisfaction survey (C14): rounds, answers 1–5, results by question and department. Tables in analytics' migration. */
export const surveysModule = defineModule({
  name: 'surveys',
  register() {},
});
