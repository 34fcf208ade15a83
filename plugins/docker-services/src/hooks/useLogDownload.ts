import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useState } from 'react';
import {
  ContainerTarget,
  dockerServicesApiRef,
  LogQuery,
} from '../api/DockerServicesApi';

/** Downloads the log as a text file, as the backend names it. */
export function useLogDownload(target: ContainerTarget, query: LogQuery) {
  const api = useApi(dockerServicesApiRef);
  const [error, setError] = useState<string>();
  const run = useCallback(async () => {
    setError(undefined);
    try {
      const { blob, fileName } = await api.downloadLogs(target, query);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = fileName;
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError((e as Error).message);
    }
    // The query's fields decide what is downloaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    api,
    target.host,
    target.id,
    query.tail,
    query.since,
    query.until,
    query.timestamps,
  ]);
  return { run, error };
}
