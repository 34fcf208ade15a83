import { ClientHttp } from './ClientHttp';
import { DockerServicesApi } from './DockerServicesApi';

/**
 * The calls about many entities at once, as the backend's fleet and status
 * routes take them: the search, the caller's own services, and the status
 * of a page of entities.
 */
export type FleetRequests = Pick<
  DockerServicesApi,
  'searchFleet' | 'listMyServices' | 'getEntityStatuses'
>;

/** {@link FleetRequests} over `http`. */
export function fleetRequests(http: ClientHttp): FleetRequests {
  return {
    searchFleet: query => {
      const params = new URLSearchParams();
      if (query.q) params.set('q', query.q);
      if (query.limit) params.set('limit', String(query.limit));
      const suffix = params.size ? `?${params}` : '';
      return http.request(`/fleet/containers${suffix}`);
    },
    listMyServices: () => http.request('/fleet/mine'),
    getEntityStatuses: entityRefs =>
      http.send('POST', '/entities/status', { entityRefs }),
  };
}
