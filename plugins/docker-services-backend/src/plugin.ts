import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { ContainerEventWatcher } from './events/ContainerEventWatcher';
import {
  dockerContainerLogsPermission,
  dockerContainerReadPermission,
  dockerFleetReadPermission,
  dockerServicesPermissions,
} from '@docker-services/backstage-plugin-docker-services-common';
import { readDockerServicesConfig } from './config';
import { DockerHostRegistry } from './docker/DockerHostRegistry';
import { createRouter } from './router';
import { DockerContainerService } from './service/DockerContainerService';
import { EntityAuthorizer } from './service/EntityAuthorizer';
import { ContainerActions } from './service/ContainerActions';
import { HistoryStore } from './database/HistoryStore';
import { DatabaseLock } from './database/DatabaseLock';
import { migratedDatabase } from './database/migrate';
import { LogService } from './logs/LogService';
import { ContainerBindings } from './binding/ContainerBindings';
import { catalogAnnotatedEntities } from './binding/catalogAnnotatedEntities';
import { EntityChangePublisher } from './events/EntityChangePublisher';
import { ContainerIndex } from './containerIndex/ContainerIndex';
import { FleetService } from './fleet/FleetService';
import { FleetSwarm } from './fleet/FleetSwarm';
import { DiagnosisService } from './diagnosis/DiagnosisService';
import { IncidentNotifier } from './notifications/IncidentNotifier';
import { NoticeLog } from './notifications/NoticeLog';
import { AskOwners } from './notifications/AskOwners';
import { readNotificationSettings } from './notifications/readNotificationSettings';
import { ServiceActions } from './swarm/ServiceActions';
import { SwarmEventWatcher } from './swarm/SwarmEventWatcher';
import { SwarmServices } from './swarm/SwarmServices';
import { createJobs } from './jobs/createJobs';
import { AuthorizationCache } from './service/AuthorizationCache';
import { readJobSettings } from './jobs/readJobSettings';
import { registerAssistantActions } from './assistant/registerAssistantActions';
import { LiveStatsService } from './stats/LiveStatsService';
import { StatsSamplers } from './stats/StatsSamplers';
import { readLiveStatsSettings } from './stats/readLiveStatsSettings';

/**
 * The docker-services backend plugin: maps catalog entities to Docker
 * containers and serves them at /api/docker-services.
 *
 * @public
 */
export const dockerServicesPlugin = createBackendPlugin({
  pluginId: 'docker-services',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        database: coreServices.database,
        catalog: catalogServiceRef,
        userInfo: coreServices.userInfo,
        signals: signalsServiceRef,
        notifications: notificationService,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        config,
        logger,
        auth,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        auditor,
        database,
        catalog,
        userInfo,
        signals,
        notifications,
        lifecycle,
        scheduler,
        actionsRegistry,
      }) {
        const settings = readDockerServicesConfig(config);
        const notificationSettings = readNotificationSettings(config);
        const jobSettings = readJobSettings(config);
        permissionsRegistry.addPermissions(dockerServicesPermissions);
        const db = await migratedDatabase(database);
        const history = HistoryStore.create(db);
        const hosts = DockerHostRegistry.fromConfig(settings.hosts);
        const bindings = ContainerBindings.create({
          rules: settings.bindings,
          trustingHosts: settings.hosts
            .filter(h => h.trustCatalogAnnotations)
            .map(h => h.name),
          annotatedEntities: catalogAnnotatedEntities({
            catalog,
            auth,
            logger,
          }),
        });
        // The watcher (made below) reconnects a host whose ping went unanswered.
        const reconnect: { host?: (name: string) => void } = {};
        // What each host holds, kept live from its events; lists read it.
        const index = settings.indexEnabled
          ? ContainerIndex.create({
              hosts: hosts.select(),
              bindings,
              logger,
              reconcileIntervalMs: settings.indexReconcileMs,
              pingIntervalMs: settings.indexPingMs,
              // A missed ping may mean a TCP stream that died silently.
              onUnreachable: name => reconnect.host?.(name),
            })
          : undefined;
        const containers = DockerContainerService.create({
          hosts,
          logger,
          hostDeadlineMs: settings.requestTimeoutMs,
          stopTimeoutSeconds: settings.stopTimeoutSeconds,
          lock: new DatabaseLock(db),
          lockTtlMs: settings.actionLockMs,
          bindings,
          index,
        });
        // Swarm services, on the hosts that are Swarm managers.
        const services = SwarmServices.create({
          hosts,
          bindings,
          logger,
          hostDeadlineMs: settings.requestTimeoutMs,
          settings: settings.swarm,
          lock: new DatabaseLock(db),
          lockTtlMs: settings.actionLockMs,
        });
        const actionsEnabled =
          config.getOptionalBoolean('permission.enabled') === true ||
          settings.allowActionsWithoutPermissionFramework;
        if (!actionsEnabled) {
          logger.warn(
            'permission.enabled is off: docker-services refuses start, stop and restart',
          );
        }
        const actions = ContainerActions.create({
          containers,
          history,
          auditor,
          logger,
        });
        // Jobs: runs recorded from events, run now, retries and schedules.
        const authorizationCache = AuthorizationCache.create({
          onlyPermissions: [
            dockerContainerReadPermission.name,
            dockerContainerLogsPermission.name,
            dockerFleetReadPermission.name,
          ],
          // Answers about an entity are dropped once its etag changes.
          changes: { catalog, auth, logger },
        });
        // Live charts: one Docker stats stream per watched container.
        const liveStatsSettings = readLiveStatsSettings(config);
        const samplers = new StatsSamplers({
          settings: liveStatsSettings,
          logger,
        });
        const jobs = createJobs({
          db,
          hosts,
          bindings,
          containers,
          actions,
          history,
          auditor,
          catalog,
          auth,
          settings: jobSettings,
          logger,
          actionsEnabled,
        });
        const routes = {
          // A caller's entity and read decisions are reused for a few
          // seconds (a tab reloading every second); a decision to act is
          // asked every time.
          authorizer: EntityAuthorizer.create({
            httpAuth,
            permissions: authorizationCache.permissions(permissions),
            catalog: authorizationCache.catalog(catalog),
            actionsEnabled,
          }),
          containers,
          actions,
          logs: LogService.create({
            containers,
            services,
            auditor,
            logger,
            limits: settings.logs,
          }),
          history,
          auditor,
          fleet: FleetService.create({
            index,
            hostNames: settings.hosts.map(h => h.name),
            bindings,
            // Its catalog reads and read decisions reused as the list route's are.
            catalog: authorizationCache.catalog(catalog),
            permissions: authorizationCache.permissions(permissions),
            userInfo,
            containers,
            swarm: new FleetSwarm({
              hosts,
              services,
              bindings,
              logger,
              hostDeadlineMs: settings.requestTimeoutMs,
            }),
            services,
            jobs: jobs.service,
          }),
          diagnosis: new DiagnosisService({ containers, history, logger }),
          services,
          serviceActions: new ServiceActions({
            services,
            history,
            auditor,
            logger,
          }),
          askOwners: new AskOwners({
            containers,
            history,
            notifications,
            auditor,
            logger,
            intervalMs: notificationSettings.askIntervalMs,
            maxPerHour: notificationSettings.askMaxPerHour,
            lock: new DatabaseLock(db),
          }),
          jobs: jobs.service,
          jobSchedules: jobs.scheduling,
          liveStats: LiveStatsService.create({
            containers,
            hosts,
            samplers,
            settings: liveStatsSettings,
            auditor,
          }),
        };
        httpRouter.use(await createRouter(routes));
        // The same reads and actions for assistants, over MCP (the mcp-actions plugin).
        registerAssistantActions(actionsRegistry, {
          ...routes,
          logLimits: settings.logs,
          hostDeadlineMs: settings.requestTimeoutMs,
        });
        // Pages of an entity hear when Docker reports one of its containers changed.
        const publisher = EntityChangePublisher.create({
          bindings,
          signals,
          logger,
        });
        // And when a pipeline run ends, which no container event says.
        jobs.pipelines.onChange = entityRef =>
          publisher.publishEntity(entityRef);
        // Owners hear when one of their containers dies, loops or turns unhealthy.
        const notifier = new IncidentNotifier({
          bindings,
          history,
          catalog,
          auth,
          notifications,
          notices: new NoticeLog(db),
          logger,
          settings: notificationSettings,
        });
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
        reconnect.host = name => events.reconnect(name);
        // Pages of an entity hear when a Swarm manager reports service or
        // node changes, and a few times after, while tasks settle.
        const swarmEvents = new SwarmEventWatcher({
          hosts: hosts.select(),
          managers: services.managers,
          onChange: host => publisher.publishServicesOf(host),
          logger,
        });
        // Due scheduled runs and retries, by one replica at a time.
        await scheduler.scheduleTask({
          id: 'docker-services-jobs',
          frequency: { seconds: jobSettings.checkIntervalSeconds },
          timeout: { minutes: 10 },
          scope: 'global',
          fn: () => jobs.driver.tick(),
        });
        lifecycle.addStartupHook(() => {
          // The first reconcile may take seconds on a big host; lists ask
          // Docker directly until it is done.
          index?.start().catch(error =>
            logger.warn('The first Docker index reconcile failed', {
              error: String(error),
            }),
          );
          events.start();
          swarmEvents.start();
        });
        lifecycle.addShutdownHook(async () => {
          await events.stop();
          await swarmEvents.stop();
          notifier.stop();
          samplers.stopAll();
          await index?.stop();
          await authorizationCache.stop();
        });
        for (const host of settings.hosts.filter(
          h => h.trustCatalogAnnotations,
        )) {
          logger.warn(
            `Docker host ${host.name} trusts catalog annotations: whoever can edit the catalog can bind its containers to any entity`,
          );
        }
        logger.info('docker-services is watching Docker hosts', {
          hosts: settings.hosts.map(h => h.name).join(', '),
        });
      },
    });
  },
});
