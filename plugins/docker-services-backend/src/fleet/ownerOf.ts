import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { FleetOwner } from '@docker-services/backstage-plugin-docker-services-common';

/** The ref of an entity's owner, from its `ownedBy` relation. */
export function ownerRefOf(entity: Entity): string | undefined {
  return entity.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef;
}

const CHAT = /^(slack:|msteams:)|slack\.com|teams\.microsoft\.com/i;

/**
 * Who owns an entity and how to reach them: the owner entity's display name,
 * `spec.profile.email`, and a chat link from its `metadata.links` (type
 * `chat`, or a Slack or Teams address). Only http(s), mailto-free URLs and
 * the chat schemes are passed on.
 */
export function toFleetOwner(ref: string, owner?: Entity): FleetOwner {
  if (!owner) return { ref };
  const profile = (owner.spec?.profile ?? {}) as {
    displayName?: string;
    email?: string;
  };
  const link = owner.metadata.links?.find(
    l => l.type === 'chat' || CHAT.test(l.url),
  );
  const title = profile.displayName ?? owner.metadata.title;
  const safeLink =
    link && /^(https?:|slack:|msteams:)/i.test(link.url) ? link : undefined;
  return {
    ref,
    ...(title ? { title } : {}),
    ...(profile.email ? { email: profile.email } : {}),
    ...(safeLink
      ? {
          chat: {
            url: safeLink.url,
            ...(safeLink.title ? { title: safeLink.title } : {}),
          },
        }
      : {}),
  };
}
