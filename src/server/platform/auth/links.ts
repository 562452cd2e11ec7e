import type { Tx } from '../work.js';
import { newSecret, secretHash } from './store.js';

/** How long links work: setup a day (the issue's rule), activation a week (people are on shifts). */
export const SETUP_LINK_HOURS = 24;
export const ACTIVATION_LINK_DAYS = 7;

/**
 * A new activation link for a user (shown once to the administrator): the user sets their own
 * password with it. An earlier unused link of the same user stops working.
 */
export async function issueActivationLink(tx: Tx, tenantId: string, userId: string, now: Date): Promise<string> {
  const secret = newSecret('act_');
  await tx.updateTable('auth_links').set({ expires_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).where('expires_at', '>', now).execute();
  await tx
    .insertInto('auth_links')
    .values({ token_hash: secretHash(secret), purpose: 'activation', tenant_id: tenantId, user_id: userId, expires_at: new Date(now.getTime() + ACTIVATION_LINK_DAYS * 86_400_000) })
    .execute();
  return secret;
}

/** The web page an activation link opens (the organisation's code travels with it). */
export function activationPath(tenantCode: string, secret: string): string {
  return `/activate?org=${encodeURIComponent(tenantCode)}&token=${encodeURIComponent(secret)}`;
}

export function setupPath(secret: string): string {
  return `/setup?token=${encodeURIComponent(secret)}`;
}

/** A setup link for a new organisation (first run, or `npm run zhian -- setup-link`). */
export async function issueSetupLink(tx: Tx, now: Date): Promise<string> {
  const secret = newSecret('setup_');
  await tx
    .insertInto('auth_links')
    .values({ token_hash: secretHash(secret), purpose: 'setup', tenant_id: null, user_id: null, expires_at: new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000) })
    .execute();
  return secret;
}
