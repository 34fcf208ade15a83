import {
  ANNOTATION_COMPOSE,
  ANNOTATION_HOSTS,
  ANNOTATION_LABEL_SELECTOR,
  COMPOSE_PROJECT_LABEL,
  COMPOSE_SERVICE_LABEL,
} from './annotations';

/**
 * Which containers belong to an entity: those carrying every label in
 * `labels`, on `hosts` (every configured host when absent).
 *
 * @public
 */
export interface ContainerSelector {
  /** Never empty: an empty label filter would match every container. */
  labels: Record<string, string>;
  hosts?: string[];
}

/**
 * An entity's docker-services annotations are present but cannot be used.
 * The message says what is wrong in words meant for the entity's owner.
 *
 * @public
 */
export class InvalidSelectorError extends Error {
  name = 'InvalidSelectorError';
}

const MAX_ANNOTATION_LENGTH = 1024;
const MAX_PAIRS = 16;
// Docker accepts almost anything in labels; we accept the common, safe subset.
const LABEL_KEY = /^[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,253}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^[A-Za-z0-9._/:@+-]{1,255}$/;
const COMPOSE_PROJECT = /^[a-z0-9][a-z0-9_-]{0,127}$/;
const COMPOSE_SERVICE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * Labels Docker Compose puts on every container it makes, whatever the
 * service: a selector of these alone would match nearly every container.
 */
const BOOKKEEPING_LABELS = new Set([
  'com.docker.compose.oneoff',
  'com.docker.compose.version',
  'com.docker.compose.config-hash',
  'com.docker.compose.container-number',
  'com.docker.compose.depends_on',
  'com.docker.compose.image',
  'com.docker.compose.config_files',
  'com.docker.compose.working_dir',
  'com.docker.compose.project.config_files',
  'com.docker.compose.project.working_dir',
]);

/**
 * What is wrong with one label pair of a selector or binding rule, in
 * words; undefined when it is usable (no wildcards, no empty values).
 * @public
 */
export function describeLabelPairProblem(
  key: string,
  value: string,
): string | undefined {
  if (!LABEL_KEY.test(key)) {
    return `"${key}" is not a usable label key (letters, digits, ".", "_", "-", "/")`;
  }
  if (!LABEL_VALUE.test(value)) {
    return `"${value}" is not a usable label value (letters, digits and . _ / : @ + -; no wildcards, not empty)`;
  }
  return undefined;
}

/**
 * True when the labels name something specific: at least one pair that is
 * not Compose's bookkeeping (such as `com.docker.compose.oneoff=False`,
 * which nearly every Compose container carries).
 * @public
 */
export function isSpecificSelector(labels: Record<string, string>): boolean {
  return Object.keys(labels).some(key => !BOOKKEEPING_LABELS.has(key));
}

/**
 * True when the entity carries an annotation that maps it to containers.
 * @public
 */
export function hasContainerSelector(
  annotations: Record<string, string> | undefined,
): boolean {
  return Boolean(
    annotations?.[ANNOTATION_LABEL_SELECTOR] ??
      annotations?.[ANNOTATION_COMPOSE],
  );
}

/**
 * Reads an entity's annotations into a selector.
 *
 * @throws InvalidSelectorError when an annotation is malformed, empty, a
 *   wildcard, or when the two annotations contradict each other.
 * @public
 */
export function parseContainerSelector(
  annotations: Record<string, string> | undefined,
): ContainerSelector {
  const labelSelector = annotations?.[ANNOTATION_LABEL_SELECTOR];
  const compose = annotations?.[ANNOTATION_COMPOSE];
  if (labelSelector === undefined && compose === undefined) {
    throw new InvalidSelectorError(
      `The entity has neither a ${ANNOTATION_LABEL_SELECTOR} nor a ${ANNOTATION_COMPOSE} annotation, so no containers are mapped to it.`,
    );
  }
  const pairs: Array<[string, string]> = [];
  if (labelSelector !== undefined) {
    pairs.push(...parseLabelSelector(labelSelector));
  }
  if (compose !== undefined) {
    pairs.push(...parseCompose(compose));
  }
  const labels: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (key in labels && labels[key] !== value) {
      throw new InvalidSelectorError(
        `The annotations ask for label "${key}" to be both "${labels[key]}" and "${value}"; no container can match.`,
      );
    }
    labels[key] = value;
  }
  if (!isSpecificSelector(labels)) {
    throw new InvalidSelectorError(
      `The annotations name only labels Docker Compose puts on nearly every container (${Object.keys(
        labels,
      ).join(', ')}); name the project or service, or a label of your own.`,
    );
  }
  const hosts = annotations?.[ANNOTATION_HOSTS];
  return hosts === undefined
    ? { labels }
    : { labels, hosts: parseHosts(hosts) };
}

/**
 * The selector as Docker's `label` filter values (`key=value`).
 * @public
 */
export function toLabelFilters(selector: ContainerSelector): string[] {
  return Object.entries(selector.labels).map(([k, v]) => `${k}=${v}`);
}

function checkLength(annotation: string, raw: string) {
  if (raw.length > MAX_ANNOTATION_LENGTH) {
    throw new InvalidSelectorError(
      `The ${annotation} annotation is longer than ${MAX_ANNOTATION_LENGTH} characters.`,
    );
  }
}

function parseLabelSelector(raw: string): Array<[string, string]> {
  checkLength(ANNOTATION_LABEL_SELECTOR, raw);
  const parts = raw.split(',').map(p => p.trim());
  if (parts.length > MAX_PAIRS) {
    throw new InvalidSelectorError(
      `The ${ANNOTATION_LABEL_SELECTOR} annotation has more than ${MAX_PAIRS} label pairs.`,
    );
  }
  return parts.map(part => {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!part || eq < 0 || !value) {
      throw new InvalidSelectorError(
        `The ${ANNOTATION_LABEL_SELECTOR} annotation must be a list of key=value pairs, such as "app=shop,tier=web"; "${part}" is not one. A label without a value would match too many containers.`,
      );
    }
    const problem = describeLabelPairProblem(key, value);
    if (problem) {
      throw new InvalidSelectorError(
        `${problem} in the ${ANNOTATION_LABEL_SELECTOR} annotation.`,
      );
    }
    return [key, value];
  });
}

function parseCompose(raw: string): Array<[string, string]> {
  checkLength(ANNOTATION_COMPOSE, raw);
  const [project, service, ...rest] = raw.trim().split('/');
  if (!project || !COMPOSE_PROJECT.test(project) || rest.length > 0) {
    throw new InvalidSelectorError(
      `The ${ANNOTATION_COMPOSE} annotation must be "project" or "project/service" with a Docker Compose project name (lower-case letters, digits, "-", "_"); got "${raw}".`,
    );
  }
  if (service === undefined) {
    return [[COMPOSE_PROJECT_LABEL, project]];
  }
  if (!COMPOSE_SERVICE.test(service)) {
    throw new InvalidSelectorError(
      `"${service}" in the ${ANNOTATION_COMPOSE} annotation is not a Docker Compose service name (letters, digits, ".", "_", "-").`,
    );
  }
  return [
    [COMPOSE_PROJECT_LABEL, project],
    [COMPOSE_SERVICE_LABEL, service],
  ];
}

function parseHosts(raw: string): string[] {
  checkLength(ANNOTATION_HOSTS, raw);
  const hosts = raw.split(',').map(h => h.trim());
  for (const host of hosts) {
    if (!HOST_NAME.test(host)) {
      throw new InvalidSelectorError(
        `The ${ANNOTATION_HOSTS} annotation must list names of configured Docker hosts separated by commas; "${host}" is not a host name.`,
      );
    }
  }
  return [...new Set(hosts)];
}
