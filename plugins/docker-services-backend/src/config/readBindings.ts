import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  describeLabelPairProblem,
  isSpecificSelector,
} from '@docker-services/backstage-plugin-docker-services-common';
import { BindingRule } from './types';

/**
 * Reads the admin rules under `dockerServices.bindings`. Each rule must name
 * a full entity ref and a selector specific enough not to bind every
 * container, on hosts among `hostNames`.
 */
export function readBindings(
  root: Config | undefined,
  hostNames: string[],
): BindingRule[] {
  return (root?.getOptionalConfigArray('bindings') ?? []).map((rule, index) =>
    readBindingRule(rule, index, hostNames),
  );
}

function readBindingRule(
  rule: Config,
  index: number,
  hostNames: string[],
): BindingRule {
  const where = `dockerServices.bindings[${index}]`;
  const entityRef = readEntityRef(rule, where);
  const labels = readLabels(rule, where);
  const hosts = rule.getOptionalStringArray('hosts');
  const unknown = hosts?.filter(h => !hostNames.includes(h)) ?? [];
  if (unknown.length > 0) {
    throw new InputError(
      `${where}: hosts names ${unknown.join(', ')}, which ${
        unknown.length === 1 ? 'is' : 'are'
      } not configured`,
    );
  }
  if (hosts && hosts.length === 0) {
    throw new InputError(`${where}: hosts, when given, must name a host`);
  }
  return hosts ? { entityRef, labels, hosts } : { entityRef, labels };
}

function readEntityRef(rule: Config, where: string): string {
  const rawRef = rule.getString('entity');
  let entityRef: string;
  try {
    entityRef = stringifyEntityRef(parseEntityRef(rawRef)).toLocaleLowerCase(
      'en-US',
    );
  } catch {
    throw new InputError(
      `${where}: entity must be a full entity ref such as component:default/shop-web; got "${rawRef}"`,
    );
  }
  if (!/^[a-z0-9-]+:[a-z0-9-]+\/./.test(entityRef)) {
    throw new InputError(
      `${where}: entity must be a full entity ref with kind and namespace, such as component:default/shop-web`,
    );
  }
  return entityRef;
}

function readLabels(rule: Config, where: string): Record<string, string> {
  // Read whole: label keys hold dots, which config paths would split.
  const rawLabels = rule.getOptional('labels') ?? {};
  if (typeof rawLabels !== 'object' || Array.isArray(rawLabels)) {
    throw new InputError(
      `${where}: labels must be a map of label keys to values`,
    );
  }
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawLabels)) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new InputError(
        `${where}: the value of label "${key}" must be text`,
      );
    }
    labels[key] = String(value);
  }
  if (Object.keys(labels).length === 0) {
    throw new InputError(
      `${where}: labels must name at least one label; an empty rule would bind every container`,
    );
  }
  for (const [key, value] of Object.entries(labels)) {
    const problem = describeLabelPairProblem(key, value);
    if (problem) throw new InputError(`${where}: ${problem}`);
  }
  if (!isSpecificSelector(labels)) {
    throw new InputError(
      `${where}: the labels are ones Docker Compose puts on nearly every container; name the project or service, or a label of your own`,
    );
  }
  return labels;
}
