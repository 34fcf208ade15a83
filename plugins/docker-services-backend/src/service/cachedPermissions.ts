import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizePermissionResponse } from '@backstage/plugin-permission-common';
import { callerKey, refOf } from './authorizationCacheKeys';
import { EntityMemo } from './cachedCatalog';

/**
 * The permissions service with a caller's definitive decisions
 * (`authorize`) answered from `memo` per item, only the missing ones asked,
 * and those near their end asked again in the background. What one caller
 * asks in the same turn of the event loop (a route's own decision and the
 * catalog's decision to show it the entity) goes out in one call: one
 * round trip to the permission plugin, which looks the person up once.
 * Requests naming a permission outside `onlyPermissions` (when given),
 * requests without a principal, and conditional decisions pass through.
 */
export function cachedPermissions(
  inner: PermissionsService,
  memo: EntityMemo,
  onlyPermissions?: Set<string>,
): PermissionsService {
  const ask = batchedByCaller(inner);
  return {
    authorize: async (requests, options) => {
      const caller = callerKey(options.credentials);
      if (
        !caller ||
        (onlyPermissions &&
          requests.some(r => !onlyPermissions.has(r.permission.name)))
      ) {
        return inner.authorize(requests, options);
      }
      const refs = requests.map(r =>
        'resourceRef' in r && r.resourceRef ? refOf(r.resourceRef) : '',
      );
      const keys = requests.map(
        (r, i) => `decision\n${caller}\n${r.permission.name}\n${refs[i]}`,
      );
      const answers = keys.map(key => memo.fresh(key));
      memo.refresh(keys, due =>
        ask(
          caller,
          due.map(i => requests[i]),
          options,
        ),
      );
      const missing = answers.flatMap((a, i) => (a ? [] : [i]));
      if (missing.length > 0) {
        const asked = ask(
          caller,
          missing.map(i => requests[i]),
          options,
        );
        missing.forEach((i, j) => {
          answers[i] = memo.store(
            keys[i],
            refs[i],
            asked.then(decisions => decisions[j]),
          );
        });
      }
      return (await Promise.all(answers)) as AuthorizePermissionResponse[];
    },
    authorizeConditional: (requests, options) =>
      inner.authorizeConditional(requests, options),
  };
}

type Requests = Parameters<PermissionsService['authorize']>[0];
type Options = Parameters<PermissionsService['authorize']>[1];

/**
 * `inner.authorize`, with the requests one caller makes in the same turn
 * of the event loop gathered into one call; each gets its own slice of the
 * answers (or the call's failure).
 */
function batchedByCaller(inner: PermissionsService) {
  const open = new Map<
    string,
    { requests: Requests; answers: Promise<AuthorizePermissionResponse[]> }
  >();
  return (
    caller: string,
    requests: Requests,
    options: Options,
  ): Promise<AuthorizePermissionResponse[]> => {
    let batch = open.get(caller);
    if (!batch) {
      let send!: () => void;
      const sent = new Promise<void>(resolve => {
        send = resolve;
      });
      const gathered: Requests = [];
      // The first ask's options (its credentials) serve the whole batch:
      // every ask in it has the same caller key (user, token expiry and
      // actor; or service, expiry and access restrictions), so they all
      // carry the same person's token.
      batch = {
        requests: gathered,
        answers: sent.then(() => inner.authorize(gathered, options)),
      };
      open.set(caller, batch);
      queueMicrotask(() => {
        open.delete(caller);
        send();
      });
    }
    const start = batch.requests.length;
    batch.requests.push(...requests);
    return batch.answers.then(answers =>
      answers.slice(start, start + requests.length),
    );
  };
}
