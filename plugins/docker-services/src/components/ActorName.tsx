import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import { portalActorWords } from './actionWords';

/**
 * Who acted, as people know them: a user's display name from the catalog
 * ("Alice Adams"; the short ref until it is known), or the portal's own
 * words for a schedule or a retry.
 */
export function useActorName(actor: string): string {
  const { primaryTitle } = useEntityPresentation(actor, {
    defaultKind: 'user',
  });
  return portalActorWords(actor) ?? primaryTitle;
}

/** {@link useActorName} as plain text, to sit inside a sentence. */
export function ActorName({ actor }: { actor: string }) {
  return <>{useActorName(actor)}</>;
}
