import { e2ePorts } from '../packages/app/e2e-tests/backends';

/**
 * Waits until every e2e backend's catalog holds the demo org and the e2e
 * entities. The guest sign-in takes its ownership claims (the user's groups)
 * from the catalog at sign-in time; signing in before the catalog has read
 * org.yaml would give a user no groups, and so no ownership.
 */
const mustExist = [
  'user/default/alice',
  'user/default/bob',
  'group/default/team-data',
  'group/default/team-shop',
  'component/default/shop-web',
  'component/default/shop-insights',
  'component/default/engine-probe',
  'component/default/report-archive',
];

async function waitForCatalog(port: number) {
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const refresh = await fetch(`${base}/api/auth/guest/refresh`);
      const token = (await refresh.json()).backstageIdentity?.token;
      const found = await Promise.all(
        mustExist.map(ref =>
          fetch(`${base}/api/catalog/entities/by-name/${ref}`, {
            headers: { Authorization: `Bearer ${token}` },
          }).then(r => r.ok),
        ),
      );
      if (found.every(Boolean)) return;
    } catch {
      // not ready yet
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(
    `The catalog on port ${port} did not load the demo org and the e2e entities within 90 s`,
  );
}

export default async function globalSetup() {
  await Promise.all(Object.values(e2ePorts()).map(waitForCatalog));
}
