import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { ContainerBindings } from '../binding/ContainerBindings';
import { ContainerIndex } from '../containerIndex/ContainerIndex';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import type { JobRunRecorder } from '../jobs/JobRunRecorder';
import { IncidentNotifier } from '../notifications/IncidentNotifier';
import type { PipelineService } from '../pipelines/PipelineService';
import { SwarmEventWatcher } from '../swarm/SwarmEventWatcher';
import { SwarmManagers } from '../swarm/SwarmManagers';
import { ContainerEventWatcher } from './ContainerEventWatcher';
import { EntityChangePublisher } from './EntityChangePublisher';

/**
 * What the engines report, passed on: each host's container events keep
 * the index live, tell the entity's pages, record jobs' runs and tell
 * owners of incidents; each Swarm manager's service and node changes tell
 * the pages too. Nothing is watched before `start`.
 */
export function createEngineWatchers(options: {
  hosts: DockerHostRegistry;
  index?: ContainerIndex;
  bindings: ContainerBindings;
  signals: SignalsService;
  managers: SwarmManagers;
  jobs: { recorder: JobRunRecorder; pipelines: PipelineService };
  notifier: IncidentNotifier;
  logger: LoggerService;
}) {
  const { hosts, index, jobs, notifier, logger } = options;
  // Pages of an entity hear when Docker reports one of its containers changed.
  const publisher = EntityChangePublisher.create(options);
  // And when a pipeline run ends, which no container event says.
  jobs.pipelines.onChange = entityRef => publisher.publishEntity(entityRef);
  const events = new ContainerEventWatcher({
    hosts: hosts.select(),
    // Not awaited: the watcher reads on while the index catches up,
    // and pages are told once the index knows.
    onEvent: async event => {
      void Promise.resolve(index?.onEvent(event))
        .then(() => publisher.publish(event))
        .catch(error =>
          logger.debug('Could not pass on a container change', {
            error: String(error),
          }),
        );
      // A job's start or end becomes a run; its page hears once it is written.
      void jobs.recorder
        .onEvent(event)
        .then(async recorded => {
          if (recorded) await publisher.publish(event);
        })
        .catch(error =>
          logger.warn('Could not record a run of a job', {
            error: String(error),
          }),
        );
      // Owners hear when one of their containers dies, loops or turns unhealthy.
      void notifier.onEvent(event).catch(error =>
        logger.warn('Could not check a container change for incidents', {
          error: String(error),
        }),
      );
    },
    onConnect: name => void index?.onStreamUp(name),
    onDisconnect: name => index?.onStreamDown(name),
    onResync: name => {
      void Promise.resolve(index?.onResync(name))
        .then(() => publisher.republishHost(hosts.select([name])[0]))
        .catch(error =>
          logger.warn(`Could not refresh the pages of host ${name}`, {
            error: String(error),
          }),
        );
    },
    logger,
  });
  // Pages of an entity hear when a Swarm manager reports service or
  // node changes, and a few times after, while tasks settle.
  const swarmEvents = new SwarmEventWatcher({
    hosts: hosts.select(),
    managers: options.managers,
    onChange: host => publisher.publishServicesOf(host),
    logger,
  });
  return {
    /** Opens a host's event stream afresh (its ping went unanswered). */
    reconnect: (name: string) => events.reconnect(name),
    start: () => {
      events.start();
      swarmEvents.start();
    },
    stop: async () => {
      await events.stop();
      await swarmEvents.stop();
    },
  };
}
