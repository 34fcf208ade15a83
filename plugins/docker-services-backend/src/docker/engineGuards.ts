import { ENTITY_LABEL } from '@docker-services/backstage-plugin-docker-services-common';

/** Ids reach the engine classes validated; this is the last line of defence for paths. */
export function checkId(id: string): string {
  if (!/^[0-9a-f]{64}$/.test(id)) {
    throw new Error('Refusing a container id that is not 64 hex characters');
  }
  return id;
}

/** Swarm ids (services, tasks, nodes) are 25 lower-case letters and digits. */
export function checkSwarmId(id: string): string {
  if (!/^[a-z0-9]{25}$/.test(id)) {
    throw new Error('Refusing a Swarm id that is not 25 letters and digits');
  }
  return id;
}

/**
 * Label filters as for containers: `key=value` pairs, or the bare binding
 * label; never one that everything passes.
 */
export function checkLabelFilters(
  labelFilters: string[],
  what: string,
): string[] {
  if (
    labelFilters.length === 0 ||
    labelFilters.some(f => f !== ENTITY_LABEL && !/^[^=]+=.+$/.test(f))
  ) {
    throw new Error(`Refusing to list ${what} without a label filter`);
  }
  return labelFilters;
}

/** Docker answers 304 when a container already is in the requested state. */
export async function changedUnless304(
  call: Promise<unknown>,
): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 304) {
      return false;
    }
    throw error;
  }
}
