/**
 * Pushed to the pages of an entity (Backstage signals) when Docker reports
 * that one of the containers bound to it changed; the page then re-reads its
 * list through the permission-checked API. Carries nothing else: no host, no
 * container id, no details.
 * @public
 */
export interface EntityChangeSignal {
  [key: string]: string;
  change: 'changed';
}

/**
 * The signal channel of one entity, named by its ref (lower case).
 * @public
 */
export function entityChannel(entityRef: string): string {
  return `docker-services:entity:${entityRef.toLocaleLowerCase('en-US')}`;
}
