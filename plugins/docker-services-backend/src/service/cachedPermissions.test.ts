import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { AuthorizationCache } from './AuthorizationCache';

const permission = (name: string) =>
  createPermission({
    name,
    attributes: { action: 'read' },
    resourceType: 'catalog-entity',
  });
const containerRead = permission('docker-services.container.read');
const logs = permission('docker-services.container.logs');
const SHOP = 'component:default/shop';
const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');

/** A policy that allows container reads and denies logs, and counts its calls. */
function policy(fail = false) {
  const calls: string[][] = [];
  const inner = mockServices.permissions.mock({
    authorize: async (requests: AuthorizePermissionRequest[], options) => {
      calls.push(
        requests.map(
          r =>
            `${(options!.credentials.principal as any).userEntityRef} ${
              r.permission.name
            }`,
        ),
      );
      if (fail) throw new Error('permission backend down');
      return requests.map(r => ({
        result:
          r.permission.name === logs.name
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    },
  });
  const cache = AuthorizationCache.create();
  return { permissions: cache.permissions(inner), calls };
}

const ask = (
  permissions: ReturnType<typeof policy>['permissions'],
  credentials: typeof alice,
  p: typeof containerRead,
) =>
  permissions
    .authorize([{ permission: p, resourceRef: SHOP }], { credentials })
    .then(([d]) => d.result);

describe('the cached permissions service: one call per caller and turn', () => {
  it('sends what one caller asks in the same turn in one call, each ask getting its own answers', async () => {
    const { permissions, calls } = policy();
    const answers = await Promise.all([
      ask(permissions, alice, containerRead),
      ask(permissions, alice, logs),
    ]);
    expect(answers).toEqual([AuthorizeResult.ALLOW, AuthorizeResult.DENY]);
    expect(calls).toEqual([
      [
        'user:default/alice docker-services.container.read',
        'user:default/alice docker-services.container.logs',
      ],
    ]);
  });

  it('never puts two callers in one call', async () => {
    const { permissions, calls } = policy();
    await Promise.all([
      ask(permissions, alice, containerRead),
      ask(permissions, bob, containerRead),
    ]);
    expect(calls).toEqual([
      ['user:default/alice docker-services.container.read'],
      ['user:default/bob docker-services.container.read'],
    ]);
  });

  it('asks separately what is asked in a later turn', async () => {
    const { permissions, calls } = policy();
    await ask(permissions, alice, containerRead);
    await ask(permissions, alice, logs);
    expect(calls).toHaveLength(2);
  });

  it('fails every ask of a call that fails, and keeps none of it', async () => {
    const { permissions, calls } = policy(true);
    const results = await Promise.allSettled([
      ask(permissions, alice, containerRead),
      ask(permissions, alice, logs),
    ]);
    expect(results.map(r => r.status)).toEqual(['rejected', 'rejected']);
    await Promise.allSettled([ask(permissions, alice, containerRead)]);
    expect(calls).toHaveLength(2);
  });
});
