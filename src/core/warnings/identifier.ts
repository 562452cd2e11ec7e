/**
 * GB/T 35965.1-2018 Annex A.1.1: a warning identifier is ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N (31 chars)
 * - ZZZZZZ  6-digit administrative division code (GB/T 2260)
 * - DDD     3-digit organisation/industry code (GB/T 4657)
 * - UUU     3-digit internal unit code, default 000
 * - XX      2-digit extension, default 00
 * - YYYYMMDDhhmmss  time the message was entered, Beijing time (A.1.3.1)
 * - N       sequence number 0-9 of messages from one unit in the same second
 */

export interface GbIdentifierCheck {
  ok: boolean;
  regionCode?: string;
  organisationCode?: string;
  unitCode?: string;
  extension?: string;
  /** ISO 8601 in Beijing time (+08:00), as the standard prescribes. */
  issuedAt?: string;
  sequence?: number;
  message?: string;
}

const SHAPE = /^(\d{6})(\d{3})(\d{3})(\d{2})_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_(\d)$/;

/** First two digits of GB/T 2260 codes: the provinces, autonomous regions, municipalities, HK, Macao. */
export const GB2260_PROVINCE_PREFIXES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
];

export function checkGbIdentifier(id: string): GbIdentifierCheck {
  const m = SHAPE.exec(id);
  if (!m) return { ok: false, message: 'expected 14-digit sender code, "_", 14-digit time, "_", one digit' };
  const [, region, org, unit, ext, y, mo, d, h, mi, s, n] = m;
  if (!GB2260_PROVINCE_PREFIXES.includes(region.slice(0, 2))) {
    return { ok: false, message: `${region} is not a GB/T 2260 division code` };
  }
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}+08:00`;
  const t = new Date(iso).getTime();
  // Some engines roll 2月30日 over into March instead of refusing it; comparing back catches that.
  const valid = !Number.isNaN(t) && new Date(t + 8 * 3_600_000).toISOString().slice(0, 19) === iso.slice(0, 19);
  if (!valid) return { ok: false, message: `${y}${mo}${d}${h}${mi}${s} is not a valid time` };
  return { ok: true, regionCode: region, organisationCode: org, unitCode: unit, extension: ext, issuedAt: iso, sequence: Number(n) };
}
