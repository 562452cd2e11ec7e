/**
 * Is this operator qualified for this equipment? Pure: the required certificate types, the
 * certificates the person holds, and today's date (China time) decide.
 *
 * Qualified = for every required type the person holds a certificate of that type whose expiry
 * date is today or later. A required type held only with expired certificates is "expired"
 * (the most recent one is reported); one never held is "missing".
 */
import { EXPIRING_SOON_DAYS } from './certificates.js';

export interface HeldCertificate {
  certType: string;
  certNo: string;
  issuedOn: string; // YYYY-MM-DD
  expiresOn: string; // YYYY-MM-DD
}

export type CertificateStatus = 'valid' | 'expiring' | 'expired';

export interface OperatorVerdict {
  qualified: boolean;
  /** Required types the person has never held. */
  missing: string[];
  /** Required types held only with expired certificates (the latest of each). */
  expired: HeldCertificate[];
  /** Required types whose valid certificate runs out within the standards' expiringSoonDays (still qualified). */
  expiringSoon: HeldCertificate[];
}

/** Today's calendar date in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `soonDays`: the tenant's standards (certificates.expiringSoonDays); the national default when not given. */
export function certificateStatus(c: Pick<HeldCertificate, 'expiresOn'>, today: string, soonDays = EXPIRING_SOON_DAYS): CertificateStatus {
  if (c.expiresOn < today) return 'expired';
  return daysBetween(today, c.expiresOn) <= soonDays ? 'expiring' : 'valid';
}

export function judgeOperator(required: readonly string[], held: readonly HeldCertificate[], today: string, soonDays = EXPIRING_SOON_DAYS): OperatorVerdict {
  const missing: string[] = [];
  const expired: HeldCertificate[] = [];
  const expiringSoon: HeldCertificate[] = [];
  for (const type of [...new Set(required)]) {
    const ofType = held.filter((c) => c.certType === type).sort((a, b) => b.expiresOn.localeCompare(a.expiresOn));
    if (!ofType.length) {
      missing.push(type);
      continue;
    }
    const latest = ofType[0];
    if (latest.expiresOn < today) expired.push(latest);
    else if (certificateStatus(latest, today, soonDays) === 'expiring') expiringSoon.push(latest);
  }
  return { qualified: missing.length === 0 && expired.length === 0, missing, expired, expiringSoon };
}
