import { randomBytes } from 'node:crypto';

/**
 * Real MQTT through the broker at 127.0.0.1:1883 (TEST_MQTT_URL to change it), under a topic root
 * and shared-subscription group of this test file's own: other files and the other database
 * project on the same broker never see its readings.
 */
export function ownMqttTopics() {
  const url = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
  const run = randomBytes(4).toString('hex');
  const root = `zhian-test-${run}`;
  return {
    url,
    run,
    root,
    /** Point the app about to start at the broker, the root and the group. */
    configure() {
      process.env.MQTT_URL = url;
      process.env.MQTT_TOPIC_ROOT = root;
      process.env.MQTT_SHARE_GROUP = `g-${run}`;
    },
  };
}
