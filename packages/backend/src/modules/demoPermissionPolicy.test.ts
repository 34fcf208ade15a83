import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  dockerContainerLogsPermission,
  dockerContainerReadPermission,
  dockerContainerRestartPermission,
  dockerFleetReadPermission,
} from '@docker-services/backstage-plugin-docker-services-common';
import { DemoPermissionPolicy } from './demoPermissionPolicy';

const credentials = {} as BackstageCredentials;

function policyFor(ownershipEntityRefs: string[]) {
  const userInfo: UserInfoService = {
    getUserInfo: async () => ({
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    }),
  };
  return new DemoPermissionPolicy(userInfo);
}

describe('DemoPermissionPolicy', () => {
  it('lets every signed-in user read containers and logs', async () => {
    const policy = policyFor(['user:default/bob']);
    for (const permission of [
      dockerContainerReadPermission,
      dockerContainerLogsPermission,
    ]) {
      expect(
        await policy.handle({ permission }, { credentials } as any),
      ).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it("leaves start/stop/restart to catalog ownership, with the user's groups as claims", async () => {
    const decision = await policyFor([
      'user:default/alice',
      'group:default/team-shop',
    ]).handle({ permission: dockerContainerRestartPermission }, {
      credentials,
    } as any);
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['user:default/alice', 'group:default/team-shop'] },
      },
    });
  });

  it('lets the admins group act on everything', async () => {
    const decision = await policyFor([
      'user:default/carol',
      'group:default/admins',
    ]).handle({ permission: dockerContainerRestartPermission }, {
      credentials,
    } as any);
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies actions without a user', async () => {
    const decision = await policyFor([]).handle({
      permission: dockerContainerRestartPermission,
    });
    expect(decision).toEqual({ result: AuthorizeResult.DENY });
  });

  it('shows unbound and conflicted containers in the fleet view to admins only', async () => {
    const permission = dockerFleetReadPermission;
    expect(
      await policyFor(['user:default/carol', 'group:default/admins']).handle(
        { permission },
        { credentials } as any,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policyFor(['user:default/alice', 'group:default/team-shop']).handle(
        { permission },
        { credentials } as any,
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
  });
});
