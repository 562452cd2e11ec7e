/** Chinese names of the measured parameters, for warning titles (the web has its own locale texts). */
export const PARAMETER_LABELS: Record<string, string> = {
  dust_mg_m3: '粉尘浓度',
  temperature: '温度',
  vibration_mm_s: '振动速度',
  noise_db: '噪声',
  gas_lel: '可燃气体浓度',
  pressure_mpa: '压力',
  humidity: '湿度',
  current_a: '电流',
};

export function parameterLabel(parameter: string, fallback: string): string {
  return PARAMETER_LABELS[parameter] ?? fallback;
}

/** 12.3456 → "12.35": enough digits for a title, none invented. */
export function fmtValue(v: number): string {
  return String(Math.round(v * 100) / 100);
}
