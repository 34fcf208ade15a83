import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { hasContainerSelector } from '@docker-services/backstage-plugin-docker-services-common';
import useAsync from 'react-use/esm/useAsync';
import { dockerServicesApiRef } from '../../api/DockerServicesApi';
import { useNow } from '../time/NowProvider';
import { ToneLabel } from '../ToneLabel';
import { statusLines, toneOfLevel } from './statusWords';

/**
 * One catalog row's worst state in short words beside its icon; all of its
 * lines in full on hover. Rows of entities without the docker-services annotations, and
 * those the caller may not read, stay empty. The cells of a table ask
 * together: one request for the rows shown.
 */
export function DockerStatusCell({ entity }: { entity: Entity }) {
  const annotated = hasContainerSelector(entity.metadata.annotations);
  const api = useApi(dockerServicesApiRef);
  const now = useNow();
  const entityRef = stringifyEntityRef(entity);
  const { value, error } = useAsync(
    async () => (annotated ? api.getEntityStatus(entityRef) : undefined),
    [api, entityRef, annotated],
  );
  if (error) {
    return (
      <span data-testid="docker-status-cell">
        <ToneLabel tone="ended">Status not available</ToneLabel>
      </span>
    );
  }
  if (!value) return null;
  const lines = statusLines(value, now);
  if (lines.length === 0) {
    return (
      <span data-testid="docker-status-cell">
        <ToneLabel tone="ended">Nothing running</ToneLabel>
      </span>
    );
  }
  return (
    <span
      data-testid="docker-status-cell"
      title={lines.map(line => line.text).join(' · ')}
    >
      <ToneLabel tone={toneOfLevel(lines[0].level)}>{lines[0].short}</ToneLabel>
    </span>
  );
}
