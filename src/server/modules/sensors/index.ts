import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import type { Platform } from '../../platform/platform.js';
import { SensorIngest } from './ingest.js';
import { ReadingWriter } from './writer.js';
import { SensorMqtt } from './mqtt.js';
import { SensorService } from './service.js';
import { sensorRoutes } from './routes.js';
import { warningLink } from './warnings-link.js';
import { SENSOR_BREACH, SENSOR_UPDATED } from './events.js';

export { seedSensors } from './demo.js';
export { SENSOR_BREACH, SENSOR_UPDATED } from './events.js';

/** The running ingestion of one app (tests and the bench read its counters and drain it). */
export interface SensorRuntime {
  writer: ReadingWriter;
  mqtt: SensorMqtt | null;
}
const runtimes = new WeakMap<Platform, SensorRuntime>();
export function sensorRuntime(p: Platform): SensorRuntime | undefined {
  return runtimes.get(p);
}

/**
 * Equipment sensors (C7): readings over MQTT (shared subscription, when MQTT_URL is set) and
 * HTTP, batched into one transaction per tenant and flush; thresholds with hold time and
 * hysteresis; one warning per breach through the warnings module.
 */
export const sensorsModule = defineModule({
  name: 'sensors',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    const ingest = new SensorIngest(p, warningLink(p));
    const writer = new ReadingWriter(ingest, p.log);
    const mqtt = p.config.mqttUrl ? new SensorMqtt(p, writer) : null;
    runtimes.set(p, { writer, mqtt });
    sensorRoutes(api, new SensorService(p, writer));

    // sensor readings are no personal data: everyone in the tenant sees the equipment's state
    p.bus.pushTo(SENSOR_UPDATED, () => true);
    p.bus.pushTo(SENSOR_BREACH, () => true);

    if (mqtt) api.addHook('onReady', () => mqtt.start(p.config.mqttUrl!));
    api.addHook('onClose', async () => {
      await mqtt?.stop();
      await writer.close();
    });
  },
});
