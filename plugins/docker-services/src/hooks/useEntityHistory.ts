import { Entity } from '@backstage/catalog-model';
import { useHistory } from './useHistory';
import { useRereadList } from './useRereadList';

/**
 * The entity's history, newest first, read again whenever `version`
 * changes (after every action and every signalled change).
 */
export function useEntityHistory(entity: Entity, version: number) {
  const history = useHistory(entity);
  useRereadList(history, version, undefined);
  return history;
}
