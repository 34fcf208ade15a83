import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { entityOwners } from '../notifications/entityOwners';

/** Whether a schedule's author may still have it start the job, and if not why. */
export type AuthorityDecision = { ok: true } | { ok: false; why: string };

/**
 * A schedule starts its job on behalf of the person who set it. The
 * portal cannot ask the permission policy about a person who is not
 * signed in (the policy decides on their token), so at every tick it
 * checks what the catalog says and the shipped policy grants start on:
 * the author is still a user in the catalog and still owns the entity,
 * directly or through a group they are a member of. Setting a schedule
 * checks the same, so that a schedule never runs for someone it would
 * pause for.
 */
export class ScheduleAuthority {
  constructor(
    private readonly options: { catalog: CatalogService; auth: AuthService },
  ) {}

  async check(author: string, entity: Entity): Promise<AuthorityDecision> {
    const title = entity.metadata.title ?? entity.metadata.name;
    const who = shortName(author);
    if (!author.startsWith('user:')) {
      return { ok: false, why: `${author} is not a person in the catalog` };
    }
    const { catalog, auth } = this.options;
    const user = await catalog.getEntityByRef(author, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!user) {
      return {
        ok: false,
        why: `its author ${who} is no longer in the catalog`,
      };
    }
    const mine = new Set([author, ...memberships(user)]);
    if (entityOwners(entity).some(owner => mine.has(owner)))
      return { ok: true };
    return {
      ok: false,
      why: `its author ${who} does not own ${title} (anymore)`,
    };
  }
}

/** The groups a user entity is a member of: relations, else `spec.memberOf`. */
function memberships(user: Entity): string[] {
  const related = (user.relations ?? [])
    .filter(r => r.type === RELATION_MEMBER_OF)
    .map(r => r.targetRef);
  const declared = Array.isArray(user.spec?.memberOf)
    ? (user.spec!.memberOf as unknown[])
        .filter((ref): ref is string => typeof ref === 'string')
        .map(ref =>
          stringifyEntityRef(
            parseEntityRef(ref, {
              defaultKind: 'group',
              defaultNamespace: user.metadata.namespace ?? 'default',
            }),
          ),
        )
    : [];
  return [...related, ...declared];
}

function shortName(ref: string): string {
  return ref.replace(/^[^:]+:(?:[^/]+\/)?/, '');
}
