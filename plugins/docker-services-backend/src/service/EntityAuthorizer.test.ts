import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizePermissionResponse,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import { dockerContainerReadPermission } from '@docker-services/backstage-plugin-docker-services-common';
import { component } from '../__testUtils__/testBackend';
import { EntityAuthorizer } from './EntityAuthorizer';

const READER = mockCredentials.user('user:default/reader');
const SHOP = 'component:default/shop';
const MISSING = 'component:default/missing';

function authorizerWith(decide: () => Promise<AuthorizePermissionResponse[]>) {
  const asked: string[] = [];
  const authorizer = EntityAuthorizer.create({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions.mock({
      authorize: async requests => {
        asked.push(
          ...requests.map(r => ('resourceRef' in r && r.resourceRef) || ''),
        );
        return decide();
      },
    }),
    catalog: catalogServiceMock({ entities: [component('shop', {})] }),
    actionsEnabled: true,
  });
  const authorize = (ref: string) =>
    authorizer.authorizeRef(READER, ref, dockerContainerReadPermission);
  return { authorize, asked };
}

describe('EntityAuthorizer.authorizeRef', () => {
  it('answers 404 for an entity the catalog does not give the caller without waiting on the decision', async () => {
    // The (in-memory) catalog answers at once; the decision only a turn later.
    const order: string[] = [];
    const { authorize } = authorizerWith(
      () =>
        new Promise(resolve =>
          setImmediate(() => {
            order.push('decided');
            resolve([{ result: AuthorizeResult.ALLOW }]);
          }),
        ),
    );
    await expect(authorize(MISSING)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `No entity ${MISSING} was found`,
    });
    order.push('answered');
    await new Promise(resolve => setImmediate(resolve));
    expect(order).toEqual(['answered', 'decided']);
  });

  it('answers 404 for a missing entity even when the decision fails', async () => {
    const { authorize } = authorizerWith(async () => {
      throw new Error('permission backend down');
    });
    await expect(authorize(MISSING)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('answers 403 with the action in words when the decision denies a visible entity', async () => {
    const { authorize, asked } = authorizerWith(async () => [
      { result: AuthorizeResult.DENY },
    ]);
    await expect(authorize(SHOP)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `You are not allowed to see the containers of ${SHOP}`,
    });
    expect(asked).toEqual([SHOP]);
  });

  it('denies by default: a conditional decision is no allow', async () => {
    const { authorize } = authorizerWith(async () => [
      { result: AuthorizeResult.CONDITIONAL } as never,
    ]);
    await expect(authorize(SHOP)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('passes the failure of the decision on for a visible entity', async () => {
    const { authorize } = authorizerWith(async () => {
      throw new Error('permission backend down');
    });
    await expect(authorize(SHOP)).rejects.toThrow('permission backend down');
  });

  it('gives the entity as the caller sees it when the decision allows', async () => {
    const { authorize } = authorizerWith(async () => [
      { result: AuthorizeResult.ALLOW },
    ]);
    const authorized = await authorize(SHOP);
    expect(authorized.entityRef).toBe(SHOP);
    expect(authorized.entity.metadata.name).toBe('shop');
    expect(authorized.credentials).toBe(READER);
  });
});
