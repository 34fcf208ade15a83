import {
  Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useSignedInUser } from '../hooks/useSignedInUser';

/**
 * Who owns the component: whom to ask about its containers. Only people who
 * are not among its owners are told to ask them.
 */
export function OwnerLine({ entity }: { entity: Entity }) {
  const user = useSignedInUser();
  const owners = getEntityRelations(entity, RELATION_OWNED_BY);
  if (owners.length === 0) {
    return (
      <Typography variant="body2">
        This component has no owner in the catalog.
      </Typography>
    );
  }
  // Entity refs compare without case.
  const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
  const ownerRefs = owners.map(ref => lower(stringifyEntityRef(ref)));
  const isOwner = user?.ownershipEntityRefs.some(ref =>
    ownerRefs.includes(lower(ref)),
  );
  return (
    <Typography variant="body2" data-testid="owner-line">
      Owned by <EntityRefLinks entityRefs={owners} defaultKind="group" />.
      {user && !isOwner && ' Ask them about these containers.'}
    </Typography>
  );
}
