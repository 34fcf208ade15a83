import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';
import { useEffect, useState } from 'react';
import {
  ContainerTarget,
  dockerServicesApiRef,
} from '../api/DockerServicesApi';

/** A replica restarting takes a while: retry for about a minute. */
const RECONNECT_DELAYS_MS = [1000, 2000, 5000, 10000, 15000, 30000];

export type LiveStatsStatus = 'loading' | 'live' | 'ended' | 'failed';

export interface LiveStatsState {
  /** Oldest first, at most the window's worth. */
  samples: StatsSample[];
  status: LiveStatsStatus;
  /** Why the charts stopped, in words. */
  message?: string;
  /** How far back the charts reach. */
  windowSeconds: number;
}

const INITIAL: LiveStatsState = {
  samples: [],
  status: 'loading',
  windowSeconds: 15 * 60,
};

/**
 * A running container's live CPU, memory and network samples while the
 * component is shown (`enabled`); the backend shares one measurement per
 * container among everyone watching. A dropped stream reconnects, and the
 * backend's history replaces what the browser had.
 */
export function useLiveStats(
  target: ContainerTarget,
  enabled: boolean,
): LiveStatsState {
  const api = useApi(dockerServicesApiRef);
  const [state, setState] = useState<LiveStatsState>(INITIAL);
  const { host, id } = target;

  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    let samples: StatsSample[] = [];
    let windowSeconds = INITIAL.windowSeconds;
    let attempt = 0;
    const publish = (status: LiveStatsStatus, message?: string) => {
      if (!controller.signal.aborted) {
        setState({ samples, status, message, windowSeconds });
      }
    };
    const connect = async (): Promise<void> => {
      let ended: string | undefined;
      try {
        for await (const event of api.streamLiveStats(
          target,
          controller.signal,
        )) {
          if (event.event === 'history') {
            samples = event.samples;
            windowSeconds = event.windowSeconds;
            attempt = 0;
          } else if (event.event === 'sample') {
            const from = Date.parse(event.sample.time) - windowSeconds * 1000;
            samples = [
              ...samples.filter(s => Date.parse(s.time) >= from),
              event.sample,
            ];
          } else if (event.event === 'end') {
            ended = event.message;
            continue;
          }
          publish('live');
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        // A refusal (not running, too many charts, not found) is final.
        if (ResponseError.is(error) || attempt >= RECONNECT_DELAYS_MS.length) {
          publish('failed', (error as Error).message);
          return;
        }
      }
      if (controller.signal.aborted) return;
      if (ended !== undefined) {
        publish('ended', ended);
        return;
      }
      if (attempt >= RECONNECT_DELAYS_MS.length) {
        publish('failed', 'The connection to the portal kept dropping.');
        return;
      }
      const delay = RECONNECT_DELAYS_MS[attempt++];
      await new Promise(resolve => setTimeout(resolve, delay));
      if (!controller.signal.aborted) await connect();
    };
    setState(INITIAL);
    void connect();
    return () => controller.abort();
    // The target is named by its host and id.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, host, id, enabled]);

  return state;
}
