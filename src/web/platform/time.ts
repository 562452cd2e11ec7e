/**
 * Every time the app shows is China Standard Time (UTC+8), whatever zone the browser is in: the
 * server writes its texts ("12-08 02:41 前完成") and the analytics count their periods in that zone,
 * so a browser on UTC must not show the same deadline eight hours earlier. China has kept UTC+8
 * without daylight saving since 1991, so a fixed offset is exact and needs no zone database.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

export const CHINA_OFFSET_MINUTES = 8 * 60;

/** An instant (ISO text, ms, Date or dayjs; now when omitted) as a dayjs that reads and formats in UTC+8. */
export function chinaTime(v?: string | number | Date | Dayjs | null): Dayjs {
  return (v === undefined || v === null ? dayjs() : dayjs(v)).utcOffset(CHINA_OFFSET_MINUTES);
}

/** "2026-12-08 10:41" in China time; '' for no value. */
export function formatChina(v: string | number | Date | Dayjs | null | undefined, format = 'YYYY-MM-DD HH:mm'): string {
  return v === undefined || v === null || v === '' ? '' : chinaTime(v).format(format);
}

/**
 * What a date/time picker shows is China wall-clock time: read its fields as UTC+8 and give the
 * instant. (A picker's own value lives in the browser's zone.)
 */
export function wallClockToIso(d: Dayjs): string {
  return new Date(`${d.format('YYYY-MM-DDTHH:mm:ss.SSS')}+08:00`).toISOString();
}

/** A picker value showing an instant's China wall-clock time (the reverse of wallClockToIso). */
export function pickerValue(v: string | number | Date | Dayjs | null | undefined): Dayjs | null {
  if (v === undefined || v === null || v === '') return null;
  return dayjs(chinaTime(v).format('YYYY-MM-DDTHH:mm:ss.SSS'));
}

/** The start of a China calendar day ("2026-12-08") as an instant. */
export function chinaDayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/** True when the browser's own zone is not UTC+8 right now: the page then says its times are Beijing time. */
export function browserOutsideChinaTime(at = new Date()): boolean {
  return -at.getTimezoneOffset() !== CHINA_OFFSET_MINUTES;
}
