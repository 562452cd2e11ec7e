import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';

/** Warning linkage (C7): CAP feeds, sensors, manual and neighbouring warnings → department instructions → answers. */
export const warningsModule = defineModule({
  name: 'warnings',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register() {},
});
