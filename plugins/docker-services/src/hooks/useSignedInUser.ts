import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * Who is signed in: their user entity ref and the refs they own through
 * (themselves and their groups); undefined until known.
 */
export function useSignedInUser():
  | { userEntityRef: string; ownershipEntityRefs: string[] }
  | undefined {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  return value;
}
