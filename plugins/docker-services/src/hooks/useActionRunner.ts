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
 * page shows, whether the action worked or not. `run` resolves to the
 * failure in words, or undefined when the action worked.
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
      /**
       * The caller shows a failure itself (a dialog that stays open with the
       * backend's sentence): no toast and no announcement of it here.
       */
      failureShownByCaller?: boolean;
    }): Promise<string | undefined> => {
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
        return undefined;
      } catch (error) {
        const title = options.failureTitle;
        if (options.failureShownByCaller) return backendMessage(error);
        onOutcome?.(`${title}: ${backendMessage(error)}`);
        toastApi.post({
          title,
          description: backendMessage(error),
          status: 'danger',
        });
        return backendMessage(error);
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
