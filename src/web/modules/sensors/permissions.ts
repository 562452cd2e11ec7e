/** Who manages sensors and thresholds (the server decides; this only hides what the user may not use). */
export const SENSORS_MANAGE = 'sensors.manage';
