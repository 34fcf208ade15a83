/**
 * The e2e backends, one per demo user (the guest sign-in is one user per
 * backend): alice owns shop-web (team-shop), bob does not (team-data), carol
 * is an admin. E2E_PORTS lets a second checkout run its e2e beside a running
 * suite: "owner,non-owner,admin", default "7117,7118,7119".
 */
export type E2eUser = 'owner' | 'nonOwner' | 'admin';

/** The port of each user's backend. */
export function e2ePorts(): Record<E2eUser, number> {
  const [owner, nonOwner, admin] = (process.env.E2E_PORTS ?? '7117,7118,7119')
    .split(',')
    .map(Number);
  if (!owner || !nonOwner || !admin) {
    throw new Error(
      'E2E_PORTS must be three ports, owner, non-owner, admin: "7117,7118,7119"',
    );
  }
  return { owner, nonOwner, admin };
}

/** Where a user's backend serves the app. */
export function backendURL(user: E2eUser): string {
  return `http://localhost:${e2ePorts()[user]}`;
}
