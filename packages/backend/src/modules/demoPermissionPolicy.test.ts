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
import fs from 'node:fs';
import path from 'node:path';
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

/**
 * What a policy decides by: the admins group, the lifecycle permissions and
 * the class's `handle` method, as source text.
 */
function decisionLogic(source: string) {
  const handle = source.indexOf('  async handle(');
  const lifecycle = source.indexOf('const lifecyclePermissions');
  return {
    admins: /ADMINS_GROUP = '([^']+)'/.exec(source)?.[1],
    lifecyclePermissions: source.slice(
      lifecycle,
      source.indexOf('];', lifecycle),
    ),
    handle: source.slice(handle, source.indexOf('\n}\n', handle)),
  };
}

describe('DemoPermissionPolicy', () => {
  // The demo portal cannot import the README's example policy (adopters
  // copy it; the install test copies it into a portal outside this
  // workspace), so it keeps its own copy, held to the same decisions here.
  it('decides as the example policy in the backend plugin README does', () => {
    const readme = fs.readFileSync(
      path.resolve(
        __dirname,
        '../../../../plugins/docker-services-backend/README.md',
      ),
      'utf8',
    );
    const example = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
      .map(match => match[1])
      .find(block => block.includes('implements PermissionPolicy'));
    const demo = fs.readFileSync(
      path.join(__dirname, 'demoPermissionPolicy.ts'),
      'utf8',
    );
    expect(example).toBeDefined();
    expect(decisionLogic(example!).handle).toContain('ADMINS_GROUP');
    expect(decisionLogic(demo)).toEqual(decisionLogic(example!));
  });

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
