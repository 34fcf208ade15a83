import { toastApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useState } from 'react';
import { backendMessage } from './backendMessage';

/** How an action ended, in a sentence for the person who asked. */
export interface ActionOutcome {
  message: string;
  /** Docker did not confirm in time: the action may still complete. */
  stateUnknown?: boolean;
}

/**
 * Runs actions on the rows of a page, one at a time per row: which rows are
 * busy with which action, a toast with the outcome (also given to
 * `onOutcome`, for the page's live region), and `onDone` to refresh what the
 * page shows, whether the action worked or not.
 */
export function useActionRunner<Action extends string>(
  onDone: () => void,
  onOutcome?: (message: string) => void,
) {
  const toastApi = useApi(toastApiRef);
  const [busy, setBusy] = useState<Record<string, Action>>({});

  const run = useCallback(
    async (options: {
      /** The row, such as its host and id. */
      key: string;
      action: Action;
      /** "Could not restart shop-web-1", before the backend's reason. */
      failureTitle: string;
      perform: () => Promise<ActionOutcome>;
    }) => {
      const { key, action } = options;
      setBusy(b => ({ ...b, [key]: action }));
      try {
        const outcome = await options.perform();
        onOutcome?.(outcome.message);
        toastApi.post({
          title: outcome.message,
          status: outcome.stateUnknown ? 'warning' : 'success',
          timeout: 6000,
        });
      } catch (error) {
        const title = options.failureTitle;
        onOutcome?.(`${title}: ${backendMessage(error)}`);
        toastApi.post({
          title,
          description: backendMessage(error),
          status: 'danger',
        });
      } finally {
        setBusy(({ [key]: _done, ...rest }) => rest);
        onDone();
      }
    },
    [toastApi, onDone, onOutcome],
  );

  const busyAction = useCallback(
    (key: string): Action | undefined => busy[key],
    [busy],
  );

  return { run, busyAction };
}
