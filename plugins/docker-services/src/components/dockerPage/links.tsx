import { Link } from '@backstage/core-components';
import {
  FleetContainer,
  FleetEntity,
  FleetOwner,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import MuiLink from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { NO_WRAP } from '../OneLine';

type EntityName = { kind: string; namespace: string; name: string };

/** `component:default/shop-web` → `shop-web` (namespace shown when not default). */
function shortRef(ref: string): string {
  const [, rest = ref] = ref.split(':');
  return rest.startsWith('default/') ? rest.slice('default/'.length) : rest;
}

/** A link to an entity's Services tab, the entity's title as text. */
export function ServicesTabLink({
  entity,
  title,
}: {
  entity: EntityName;
  title?: string;
}) {
  const entityLink = useEntityRefLink();
  const label = title ?? entity.name;
  return (
    <Link
      to={`${entityLink(entity)}/services`}
      aria-label={`${label}: Services tab`}
      style={NO_WRAP}
    >
      {label}
    </Link>
  );
}

/** The owner, linked to its catalog page, with e-mail and chat when known. */
export function OwnerContact({ owner }: { owner: FleetOwner }) {
  const entityLink = useEntityRefLink();
  const name = owner.title ?? shortRef(owner.ref);
  return (
    <>
      <Link to={entityLink(owner.ref)} style={NO_WRAP}>
        {name}
      </Link>
      {/* Each link is named by what it shows, with whom it reaches before
          it for screen readers: "E-mail Shop team: shop@example.com". */}
      {owner.email && (
        <Typography variant="caption" display="block" style={NO_WRAP}>
          {/* A plain link: the catalog's Link would call it "opens in a new window". */}
          <MuiLink
            href={`mailto:${owner.email}`}
            aria-label={`E-mail ${name}: ${owner.email}`}
          >
            {owner.email}
          </MuiLink>
        </Typography>
      )}
      {owner.chat && (
        <Typography variant="caption" display="block" style={NO_WRAP}>
          <Link
            to={owner.chat.url}
            aria-label={`Chat with ${name}: ${owner.chat.title ?? 'Chat'}`}
          >
            {owner.chat.title ?? 'Chat'}
          </Link>
        </Typography>
      )}
    </>
  );
}

/** The entity column of a search result: entity and owner, or why there is none. */
export function BindingCell({ container }: { container: FleetContainer }) {
  if (container.binding === 'conflict') {
    return (
      <Typography variant="body2">
        Bound to several entities.{' '}
        {container.conflict?.message ??
          'Nobody can act on it until one binding is removed.'}
      </Typography>
    );
  }
  if (container.binding === 'unbound' || !container.entity) {
    return (
      <Typography variant="body2">
        Bound to no entity.{' '}
        {container.unboundReason ??
          'It names an entity the catalog does not have.'}
      </Typography>
    );
  }
  return (
    <ServicesTabLink entity={container.entity} title={container.entity.title} />
  );
}

/** The owner column of a result: the entity's owner with contacts, or a dash. */
export function OwnerCell({ entity }: { entity?: FleetEntity }) {
  const owner = entity?.owner;
  if (!owner) return <>—</>;
  return <OwnerContact owner={owner} />;
}
