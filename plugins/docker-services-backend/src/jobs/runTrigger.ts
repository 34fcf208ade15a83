import {
  JOB_PIPELINE_ACTOR,
  JOB_RETRY_ACTOR,
  JOB_SCHEDULE_ACTOR,
  JobRunTrigger,
} from '@docker-services/backstage-plugin-docker-services-common';

/** What started a run, from the actor of the history row that started it. */
export function triggerOf(actor: string | undefined): JobRunTrigger {
  if (!actor) return 'outside';
  if (actor === JOB_SCHEDULE_ACTOR) return 'schedule';
  if (actor === JOB_RETRY_ACTOR) return 'retry';
  if (actor === JOB_PIPELINE_ACTOR) return 'pipeline';
  return 'portal';
}
