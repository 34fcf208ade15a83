import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizePermissionResponse } from '@backstage/plugin-permission-common';
import { callerKey, refOf } from './authorizationCacheKeys';
import { EntityMemo } from './cachedCatalog';

/**
 * The permissions service with a caller's definitive decisions
 * (`authorize`) answered from `memo` per item, only the missing ones asked
 * in one call, and those near their end asked again in the background.
 * Requests naming a permission outside `onlyPermissions` (when given),
 * requests without a principal, and conditional decisions pass through.
 */
export function cachedPermissions(
  inner: PermissionsService,
  memo: EntityMemo,
  onlyPermissions?: Set<string>,
): PermissionsService {
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
        inner.authorize(
          due.map(i => requests[i]),
          options,
        ),
      );
      const missing = answers.flatMap((a, i) => (a ? [] : [i]));
      if (missing.length > 0) {
        const asked = inner.authorize(
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
