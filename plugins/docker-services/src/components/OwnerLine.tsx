import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';

/** Who owns the component: whom to ask about its containers. */
export function OwnerLine({ entity }: { entity: Entity }) {
  const owners = getEntityRelations(entity, RELATION_OWNED_BY);
  if (owners.length === 0) {
    return (
      <Typography variant="body2">
        This component has no owner in the catalog.
      </Typography>
    );
  }
  return (
    <Typography variant="body2" data-testid="owner-line">
      Owned by <EntityRefLinks entityRefs={owners} defaultKind="group" />. Ask
      them about these containers.
    </Typography>
  );
}
