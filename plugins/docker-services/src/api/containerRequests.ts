import { LiveStatsEvent } from '@docker-services/backstage-plugin-docker-services-common';
import { ClientHttp } from './ClientHttp';
import { containerPath, entityPath, pageSuffix } from './clientPaths';
import { DockerServicesApi } from './DockerServicesApi';
import { readNdjson } from './readNdjson';

/** The calls about an entity's containers, as the backend's container, action and log routes take them. */
export type ContainerRequests = Pick<
  DockerServicesApi,
  | 'listContainers'
  | 'getContainerDetails'
  | 'getContainerStats'
  | 'streamLiveStats'
  | 'getDiagnosis'
  | 'askOwners'
  | 'runAction'
  | 'streamLogs'
  | 'downloadLogs'
  | 'streamEntityLogs'
  | 'downloadEntityLogs'
  | 'getHistory'
>;

/** {@link ContainerRequests} over `http`. */
export function containerRequests(http: ClientHttp): ContainerRequests {
  return {
    listContainers: entityRef =>
      http.request(`${entityPath(entityRef)}/containers`),
    getContainerDetails: target => http.request(containerPath(target)),
    getContainerStats: target => http.request(`${containerPath(target)}/stats`),
    async *streamLiveStats(target, signal) {
      const response = await http.fetch(`${containerPath(target)}/stats/live`, {
        signal,
      });
      yield* readNdjson<LiveStatsEvent>(response);
    },
    getDiagnosis: target => http.request(`${containerPath(target)}/diagnosis`),
    askOwners: target =>
      http.send('POST', `${containerPath(target)}/ask-owners`, {
        action: target.action,
        reason: target.reason,
      }),
    runAction: target =>
      http.send(
        'POST',
        `${containerPath(target)}/${target.action}`,
        target.reason ? { reason: target.reason } : {},
      ),
    streamLogs: (target, query, signal) =>
      http.streamLogs(containerPath(target), query, signal),
    downloadLogs: (target, query) =>
      http.downloadLogs(containerPath(target), query, 'container.log'),
    streamEntityLogs: (target, query, signal) =>
      http.streamLogs(entityPath(target.entityRef), query, signal, {
        host: target.host,
      }),
    downloadEntityLogs: (target, query) =>
      http.downloadLogs(
        entityPath(target.entityRef),
        query,
        'all-containers.log',
        { host: target.host },
      ),
    getHistory: (entityRef, page = {}) =>
      http.request(`${entityPath(entityRef)}/history${pageSuffix(page)}`),
  };
}
