import {
  COMPOSE_PROJECT_LABEL,
  COMPOSE_SERVICE_LABEL,
} from '@docker-services/backstage-plugin-docker-services-common';
import { EngineContainer } from '../docker/DockerHost';

/**
 * The lower-case text a search looks in, per list entry. The index keeps an
 * entry's object until the container changes, so a search over a whole host
 * builds each text once, not once per search.
 */
const searchTexts = new WeakMap<EngineContainer, string>();

function searchTextOf(listed: EngineContainer): string {
  let text = searchTexts.get(listed);
  if (text === undefined) {
    const labels = listed.Labels ?? {};
    const project = labels[COMPOSE_PROJECT_LABEL];
    const service = labels[COMPOSE_SERVICE_LABEL];
    // NUL between the parts: no query matches across two of them.
    text = [
      (listed.Names?.[0] ?? '').replace(/^\//, ''),
      listed.Image,
      project,
      service,
      project ? `${project}/${service ?? ''}` : undefined,
    ]
      .filter(Boolean)
      .join('\u0000')
      .toLocaleLowerCase('en-US');
    searchTexts.set(listed, text);
  }
  return text;
}

/**
 * What answers a fleet search for `query`: a container whose name, short or
 * full id, image, or Compose project or service contains the words
 * (case-insensitive). An empty query matches everything. Read from the list
 * entry, so that a search builds summaries only of the containers it finds.
 */
export function queryMatcher(
  query: string,
): (listed: EngineContainer) => boolean {
  const q = query.trim().toLocaleLowerCase('en-US');
  if (!q) return () => true;
  const maybeId = /^[0-9a-f]{4,64}$/.test(q);
  return listed =>
    (maybeId && listed.Id.startsWith(q)) || searchTextOf(listed).includes(q);
}

/** Whether one container answers a fleet search for `query` (see {@link queryMatcher}). */
export function matchesQuery(listed: EngineContainer, query: string): boolean {
  return queryMatcher(query)(listed);
}
