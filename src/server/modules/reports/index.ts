import { defineModule } from '../../platform/module.js';

/** Monthly and quarterly evaluation reports (C14) as PDF and XLSX, scheduled and on demand. */
export const reportsModule = defineModule({
  name: 'reports',
  register() {},
});
