import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ContainerTarget,
  dockerServicesApiRef,
} from '../api/DockerServicesApi';

/** Why a container stopped, keeps restarting or is unhealthy, once read. */
export function useDiagnosis(target: ContainerTarget) {
  const api = useApi(dockerServicesApiRef);
  return useAsyncRetry(
    () => api.getDiagnosis(target),
    // host and id stand for the target.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, target.host, target.id],
  );
}
