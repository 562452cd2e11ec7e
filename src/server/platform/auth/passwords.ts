import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id at the OWASP ASVS minimum or above: t=2 iterations, m=19 MiB, p=1.
 * Stored as a PHC string, so raising the cost later still verifies old hashes.
 */
export const ARGON2_PARAMS = { algorithm: 2 /* Algorithm.Argon2id */, timeCost: 2, memoryCost: 19456, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not tell usernames apart. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-' + Math.random());
  return dummyHash;
}
