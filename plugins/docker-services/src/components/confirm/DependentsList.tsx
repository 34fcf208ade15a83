import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useDependents } from '../../hooks/useDependents';
import { backendMessage } from '../../hooks/backendMessage';

/**
 * What else in the catalog may be affected by the action: the entities that
 * depend on this one or consume its APIs, each linked; or that there are
 * none on record.
 */
export function DependentsList({ entity }: { entity: Entity }) {
  const { value, loading, error } = useDependents(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  if (loading) {
    return (
      <Typography variant="body2" data-testid="dependents">
        Looking up what depends on {name}…
      </Typography>
    );
  }
  if (error || !value) {
    return (
      <Typography variant="body2" data-testid="dependents">
        Could not read from the catalog what depends on {name}:{' '}
        {error ? backendMessage(error) : 'no answer'}.
      </Typography>
    );
  }
  if (value.length === 0) {
    return (
      <Typography variant="body2" data-testid="dependents">
        Nothing in the catalog is recorded as depending on {name}.
      </Typography>
    );
  }
  return (
    <div data-testid="dependents">
      <Typography variant="body2" id="docker-services-dependents-title">
        {value.length === 1
          ? `1 catalog entity depends on ${name} and may be affected:`
          : `${value.length} catalog entities depend on ${name} and may be affected:`}
      </Typography>
      <ul
        aria-labelledby="docker-services-dependents-title"
        style={{ marginTop: 4 }}
      >
        {value.map(dependent => (
          <li key={dependent.ref}>
            <Typography variant="body2" component="span">
              <EntityRefLink entityRef={dependent.ref} />
              {dependent.viaApi && (
                <>
                  {' '}
                  (uses its API{' '}
                  <EntityRefLink
                    entityRef={dependent.viaApi}
                    defaultKind="api"
                  />
                  )
                </>
              )}
            </Typography>
          </li>
        ))}
      </ul>
    </div>
  );
}
