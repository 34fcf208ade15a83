import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useState } from 'react';
import { dockerServicesApiRef, LogQuery } from '../api/DockerServicesApi';
import { downloadLogsOf, LogSource, logSourceKey } from './logSource';

/** Downloads the log as a text file, as the backend names it. */
export function useLogDownload(source: LogSource, query: LogQuery) {
  const api = useApi(dockerServicesApiRef);
  const [error, setError] = useState<string>();
  const sourceKey = logSourceKey(source);
  const run = useCallback(async () => {
    setError(undefined);
    try {
      const { blob, fileName } = await downloadLogsOf(api, source, query);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = fileName;
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError((e as Error).message);
    }
    // The source's key and the query's fields decide what is downloaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, sourceKey, query.tail, query.since, query.until, query.timestamps]);
  return { run, error };
}
