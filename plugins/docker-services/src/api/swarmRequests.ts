import { ClientHttp } from './ClientHttp';
import { entityPath, servicePath } from './clientPaths';
import { DockerServicesApi } from './DockerServicesApi';

/** The calls about an entity's Swarm services, as the backend's Swarm routes take them. */
export type SwarmRequests = Pick<
  DockerServicesApi,
  | 'listSwarmServices'
  | 'runSwarmServiceAction'
  | 'streamSwarmServiceLogs'
  | 'downloadSwarmServiceLogs'
>;

/** {@link SwarmRequests} over `http`. */
export function swarmRequests(http: ClientHttp): SwarmRequests {
  return {
    listSwarmServices: entityRef =>
      http.request(`${entityPath(entityRef)}/services`),
    runSwarmServiceAction: target => {
      const { action, reason } = target;
      const body = {
        ...(action === 'scale' ? { replicas: target.replicas } : {}),
        ...(reason ? { reason } : {}),
      };
      return http.send('POST', `${servicePath(target)}/${action}`, body);
    },
    streamSwarmServiceLogs: (target, query, signal) =>
      http.streamLogs(servicePath(target), query, signal),
    downloadSwarmServiceLogs: (target, query) =>
      http.downloadLogs(servicePath(target), query, 'service.log'),
  };
}
