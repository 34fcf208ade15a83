import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_COMPOSE,
  ANNOTATION_LABEL_SELECTOR,
  parseContainerSelector,
} from '@docker-services/backstage-plugin-docker-services-common';
import { AnnotatedEntity } from './ContainerBindings';

/** How long the list of annotated entities is reused. */
const CACHE_MS = 30_000;

/**
 * Every catalog entity with a usable selector annotation, read with the
 * plugin's own credentials and kept for half a minute. Needed only on hosts
 * that trust catalog annotations, to see when two entities claim the same
 * container. Entities with invalid annotations claim nothing.
 */
export function catalogAnnotatedEntities(options: {
  catalog: typeof catalogServiceRef.T;
  auth: AuthService;
  logger: LoggerService;
}): () => Promise<AnnotatedEntity[]> {
  let cached: { at: number; entities: Promise<AnnotatedEntity[]> } | undefined;
  const load = async (): Promise<AnnotatedEntity[]> => {
    const credentials = await options.auth.getOwnServiceCredentials();
    const { items } = await options.catalog.getEntities(
      {
        filter: [
          {
            [`metadata.annotations.${ANNOTATION_COMPOSE}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            [`metadata.annotations.${ANNOTATION_LABEL_SELECTOR}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    return items.flatMap(entity => {
      try {
        return [
          {
            entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
            selector: parseContainerSelector(entity.metadata.annotations),
          },
        ];
      } catch {
        return [];
      }
    });
  };
  return () => {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      const entities = load().catch(error => {
        options.logger.warn(
          'Could not read the catalog entities with docker-services annotations',
          { error: String(error) },
        );
        cached = undefined;
        throw error;
      });
      cached = { at: Date.now(), entities };
    }
    return cached.entities;
  };
}
