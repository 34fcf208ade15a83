import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';

/**
 * Whether a container answers a fleet search: its name, short or full id,
 * image, or Compose project or service contains the words (case-insensitive).
 * An empty query matches everything.
 */
export function matchesQuery(
  summary: ContainerSummary,
  image: string,
  query: string,
): boolean {
  const q = query.trim().toLocaleLowerCase('en-US');
  if (!q) return true;
  if (/^[0-9a-f]{4,64}$/.test(q) && summary.id.startsWith(q)) return true;
  const haystack = [
    summary.name,
    image,
    summary.compose?.project,
    summary.compose?.service,
    summary.compose
      ? `${summary.compose.project}/${summary.compose.service ?? ''}`
      : undefined,
  ]
    .filter((v): v is string => Boolean(v))
    .map(v => v.toLocaleLowerCase('en-US'));
  return haystack.some(v => v.includes(q));
}
