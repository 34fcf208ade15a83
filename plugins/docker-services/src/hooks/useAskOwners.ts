import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useState } from 'react';
import {
  ContainerTarget,
  dockerServicesApiRef,
} from '../api/DockerServicesApi';
import { backendMessage } from './backendMessage';

/** How asking the owners went, in the backend's words. */
export type AskOutcome = { ok: boolean; message: string };

/**
 * Sends "please start/restart it" to the owners of the container's entity.
 * The outcome (the server's sentence, or its refusal, such as "you asked a
 * moment ago") is kept for the dialog and given to `onOutcome` for the
 * page's live region.
 */
export function useAskOwners(
  target: ContainerTarget,
  action: 'start' | 'restart',
  onOutcome?: (message: string) => void,
) {
  const api = useApi(dockerServicesApiRef);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<AskOutcome>();
  const ask = useCallback(
    async (reason: string) => {
      setSending(true);
      setOutcome(undefined);
      let result: AskOutcome;
      try {
        const response = await api.askOwners({ ...target, action, reason });
        result = { ok: true, message: response.message };
      } catch (error) {
        result = { ok: false, message: backendMessage(error) };
      }
      setSending(false);
      setOutcome(result);
      onOutcome?.(result.message);
    },
    [api, target, action, onOutcome],
  );
  return { ask, sending, outcome };
}
