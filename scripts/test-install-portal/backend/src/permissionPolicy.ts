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
  dockerContainerStartPermission,
  dockerContainerStopPermission,
  dockerFleetReadPermission,
  dockerServiceScalePermission,
  dockerJobSchedulePermission,
} from '@docker-services/backstage-plugin-docker-services-common';

/** Members of this group may act on every entity's containers. */
const ADMINS_GROUP = 'group:default/admins';

const lifecyclePermissions = [
  dockerContainerStartPermission,
  dockerContainerStopPermission,
  dockerContainerRestartPermission,
  dockerServiceScalePermission,
  dockerJobSchedulePermission,
];

/**
 * Signed-in users see everything (containers and their logs included); an
 * entity's owners, directly or through their groups, start, stop and restart
 * its containers, scale its Swarm services and schedule its jobs; the
 * admins group does all, and alone sees unbound and conflicted containers
 * in the fleet view. Every other permission is allowed, as with Backstage's
 * allow-all policy: merge the docker-services branch into your own policy
 * when you have one.
 */
class DockerServicesPermissionPolicy implements PermissionPolicy {
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

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'docker-services-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new DockerServicesPermissionPolicy(userInfo));
      },
    });
  },
});
