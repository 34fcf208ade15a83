import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';

// Foreground colours LogViewer shows: green, blue, magenta, cyan, yellow.
// Red is left to error lines.
const TAG_COLOURS = [32, 34, 35, 36, 33];

/**
 * The colour of a container's stripe in a merged log: always the same for
 * the same name, so that a container keeps its colour across reloads. The
 * name is written beside it: the colour is never the only sign.
 */
export function tagColour(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return TAG_COLOURS[hash % TAG_COLOURS.length];
}

/**
 * What the containers' names share before their own part: the Compose
 * project when all of them are of one ("demo-shop-"), so that
 * "demo-shop-web-1" is tagged "web-1".
 */
export function sharedNamePrefix(containers: ContainerSummary[]): string {
  const projects = new Set(containers.map(c => c.compose?.project));
  const [project] = projects;
  if (projects.size !== 1 || !project) return '';
  const prefix = `${project}-`;
  return containers.every(c => c.name.startsWith(prefix)) ? prefix : '';
}

/** A container's short name: its name without the shared prefix. */
export function shortContainerName(name: string, prefix = ''): string {
  return prefix && name.startsWith(prefix) && name.length > prefix.length
    ? name.slice(prefix.length)
    : name;
}
