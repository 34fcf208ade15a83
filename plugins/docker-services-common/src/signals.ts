/**
 * Pushed to open pages (Backstage signals) when Docker reports a change to a
 * container; the page then re-reads it. Carries no container details.
 * @public
 */
export interface ContainerChangeSignal {
  [key: string]: string;
  host: string;
  id: string;
  change: 'created' | 'state' | 'health' | 'removed';
}

/**
 * The signal channel of one container.
 * @public
 */
export function containerChannel(host: string, id: string): string {
  return `docker-services:container:${host}:${id}`;
}
