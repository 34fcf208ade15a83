import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';

// How AuthorizationCache keys its answers: by caller and by entity.

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** One spelling per entity, as the catalog's refs are case-insensitive. */
export function refOf(
  ref: string | { kind: string; namespace?: string; name: string },
) {
  const text = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
  // The same for plain ASCII (every valid ref), and far cheaper on a hot path.
  return PRINTABLE_ASCII.test(text)
    ? text.toLowerCase()
    : text.toLocaleLowerCase('en-US');
}

/**
 * Whose answer this is: the user with their token's expiry (and the
 * service acting for them, if any), or the service; undefined for no
 * principal, which is never cached.
 */
export function callerKey(
  credentials: BackstageCredentials,
): string | undefined {
  const { principal } = credentials as BackstageCredentials<any>;
  const expiry = credentials.expiresAt?.getTime() ?? '';
  if (principal?.type === 'user') {
    return `user:${principal.userEntityRef}:${expiry}:${
      principal.actor?.subject ?? ''
    }`;
  }
  if (principal?.type === 'service') {
    return `service:${principal.subject}:${expiry}:${JSON.stringify(
      principal.accessRestrictions ?? null,
    )}`;
  }
  return undefined;
}
