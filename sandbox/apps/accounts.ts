/**
 * The members' app's accounts, as flask_app.py's USERS: two demo accounts whose passwords the page
 * shows, and `admin`, whose password is never shown. The admin's password is the instructor's
 * SANDBOX_ADMIN_PASSWORD, else derived from the server secret: random at every start (the secret
 * is), yet the same in every worker, so a login on one worker is good on the other.
 */
import { timingSafeEqual } from 'node:crypto';
import { sealingKey } from '../web/sealing.ts';

export const ADMIN = 'admin';

/** The demo accounts the page lists, with their passwords. */
export const DEMO_ACCOUNTS: readonly { username: string; password: string }[] = [
  { username: 'ada', password: 'lovelace' },
  { username: 'grace', password: 'hopper' },
];

export interface Accounts {
  /** flask_app.py's password_ok(): the username exists and the password matches it. */
  passwordOk(username: string, password: string): boolean;
}

/** The accounts, the admin's password set or derived from `serverSecret`. */
export function createAccounts(
  adminPassword: string | undefined,
  serverSecret: string | undefined,
): Accounts {
  const admin = adminPassword || sealingKey(serverSecret, 'sandbox admin password').toString('base64url');
  const users = new Map<string, Buffer>([
    ...DEMO_ACCOUNTS.map(({ username, password }) => [username, Buffer.from(password)] as const),
    [ADMIN, Buffer.from(admin)],
  ]);
  return {
    passwordOk(username, password) {
      const known = users.get(username);
      const given = Buffer.from(password);
      // Like hmac.compare_digest: as long for a wrong first letter as for a wrong last one.
      return known !== undefined && known.length === given.length && timingSafeEqual(known, given);
    },
  };
}
