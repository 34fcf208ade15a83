import { ContainerAction } from '@docker-services/backstage-plugin-docker-services-common';

/** Button labels. */
export const ACTION_LABEL: Record<ContainerAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
};

/** What an action will do, in plain words, for the confirmation dialog. */
export function describeConsequence(
  action: ContainerAction,
  name: string,
): string {
  switch (action) {
    case 'start':
      return `Starting ${name} runs it again with the configuration it already has.`;
    case 'stop':
      return `Stopping ${name} makes it unavailable until someone starts it again. If it does not stop within the configured time, Docker kills it.`;
    case 'restart':
    default:
      return `Restarting ${name} stops it for a few seconds; anything using it may see errors meanwhile.`;
  }
}
