/** Which job: its entity, host and container name (ids change on re-create). */
export interface JobKey {
  entityRef: string;
  host: string;
  containerName: string;
}

/** One string per job, for maps. */
export function jobKeyString(key: JobKey): string {
  return `${key.entityRef}\n${key.host}\n${key.containerName}`;
}

/** The columns of a job's rows that name it. */
export function jobKeyWhere(key: JobKey) {
  return {
    entity_ref: key.entityRef,
    host: key.host,
    container_name: key.containerName,
  };
}
