import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ContainerSelector,
  InvalidSelectorError,
  parseContainerSelector,
} from '@docker-services/backstage-plugin-docker-services-common';

/** The entity's container selector; an invalid annotation is a 400 that says why. */
export function selectorOf(entity: Entity): ContainerSelector {
  try {
    return parseContainerSelector(entity.metadata.annotations);
  } catch (error) {
    if (error instanceof InvalidSelectorError) {
      throw new InputError(error.message);
    }
    throw error;
  }
}
