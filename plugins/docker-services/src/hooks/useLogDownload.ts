import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useState } from 'react';
import { dockerServicesApiRef, LogQuery } from '../api/DockerServicesApi';
import { keepMatchingLines, logFileName } from '../components/logs/logDownload';
import { downloadLogsOf, LogSource, logSourceKey } from './logSource';

/** What the downloaded file is named after, and which of its lines it keeps. */
export interface LogDownloadOptions {
  /** Whose log: "demo-shop-web-2". */
  fileBase: string;
  /** When its lines start, when the query does not say (RFC 3339). */
  from?: string;
  /** When they end, when the query does not say; else the moment of download. */
  to?: string;
  /** LogViewer's search: only the lines that match it are kept. */
  search: string;
}

/**
 * Downloads the log the backend writes as a text file, named after whose
 * it is and the time it covers, holding only the lines that match the
 * search when there is one.
 */
export function useLogDownload(
  source: LogSource,
  query: LogQuery,
  options: LogDownloadOptions,
) {
  const api = useApi(dockerServicesApiRef);
  const [error, setError] = useState<string>();
  const sourceKey = logSourceKey(source);
  const { fileBase, from, to, search } = options;
  const run = useCallback(async () => {
    setError(undefined);
    try {
      const end = query.until ?? to ?? new Date().toISOString();
      const { blob } = await downloadLogsOf(api, source, query);
      const kept = search
        ? new Blob([keepMatchingLines(await blob.text(), search)], {
            type: 'text/plain;charset=utf-8',
          })
        : blob;
      const url = URL.createObjectURL(kept);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = logFileName({
        base: fileBase,
        from: query.since ?? from,
        to: end,
      });
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError((e as Error).message);
    }
    // The source's key and the query's fields decide what is downloaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    api,
    sourceKey,
    query.tail,
    query.since,
    query.until,
    query.timestamps,
    fileBase,
    from,
    to,
    search,
  ]);
  return { run, error };
}
