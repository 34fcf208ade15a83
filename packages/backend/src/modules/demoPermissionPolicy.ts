import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  dockerContainerRestartPermission,
  dockerFleetReadPermission,
  dockerContainerStartPermission,
  dockerContainerStopPermission,
  dockerServiceScalePermission,
  dockerJobSchedulePermission,
} from '@docker-services/backstage-plugin-docker-services-common';

/** Members of this group may act on every component's containers. */
export const ADMINS_GROUP = 'group:default/admins';

const lifecyclePermissions = [
  dockerContainerStartPermission,
  dockerContainerStopPermission,
  dockerContainerRestartPermission,
  dockerServiceScalePermission,
  dockerJobSchedulePermission,
];

/**
 * The demo portal's policy: signed-in users see everything (containers and
 * their logs included); a component's owners, directly or through their
 * groups, start, stop and restart its containers, scale its Swarm
 * services and schedule its jobs; the admins group does all, and alone
 * sees unbound and conflicted containers in the fleet view.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const lifecycle = lifecyclePermissions.find(p =>
      isPermission(request.permission, p),
    );
    const fleet = isPermission(request.permission, dockerFleetReadPermission);
    if (!lifecycle && !fleet) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    if (ownershipEntityRefs.includes(ADMINS_GROUP)) {
      return { result: AuthorizeResult.ALLOW };
    }
    // Unbound and conflicted containers are the admins' to sort out.
    if (!lifecycle) {
      return { result: AuthorizeResult.DENY };
    }
    return createCatalogConditionalDecision(
      lifecycle,
      catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
    );
  }
}

/** Installs {@link DemoPermissionPolicy} in the permission backend. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'docker-services-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new DemoPermissionPolicy(userInfo));
      },
    });
  },
});
