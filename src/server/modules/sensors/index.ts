import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';

/** Equipment sensors (C7): readings over MQTT and HTTP, thresholds with hold time and hysteresis. */
export const sensorsModule = defineModule({
  name: 'sensors',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register() {},
});
