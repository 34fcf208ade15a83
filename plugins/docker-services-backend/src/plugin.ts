import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { dockerServicesPermissions } from '@docker-services/backstage-plugin-docker-services-common';
import { readDockerServicesConfig } from './config';
import { actionsEnabled } from './config/actionsEnabled';
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
import { createEngineWatchers } from './events/createEngineWatchers';
import { ContainerIndex } from './containerIndex/ContainerIndex';
import { createFleetService } from './fleet/createFleetService';
import { DiagnosisService } from './diagnosis/DiagnosisService';
import { IncidentNotifier } from './notifications/IncidentNotifier';
import { NoticeLog } from './notifications/NoticeLog';
import { AskOwners } from './notifications/AskOwners';
import { readNotificationSettings } from './notifications/readNotificationSettings';
import { ServiceActions } from './swarm/ServiceActions';
import { SwarmServices } from './swarm/SwarmServices';
import { createJobs } from './jobs/createJobs';
import { createCallerAccess } from './service/createCallerAccess';
import { readJobSettings } from './jobs/readJobSettings';
import { registerAssistantActions } from './assistant/registerAssistantActions';
import { createLiveStats } from './stats/createLiveStats';

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
        const mayAct = actionsEnabled({ config, settings, logger });
        const actions = ContainerActions.create({
          containers,
          history,
          auditor,
          logger,
        });
        // The permissions as the routes ask them (reads reused, a route's
        // decisions and the catalog's in one call), and the catalog as each
        // caller sees it (one shared read per entity).
        const caller = createCallerAccess({
          catalog,
          permissions,
          auth,
          logger,
          readDecisionMs: settings.readDecisionMs,
        });
        // Live charts: one Docker stats stream per watched container.
        const liveStats = createLiveStats({
          config,
          containers,
          hosts,
          auditor,
          logger,
        });
        // Jobs: runs recorded from events, run now, retries and schedules.
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
          actionsEnabled: mayAct,
        });
        const routes = {
          // A caller's entity and read decisions are reused for a few
          // seconds (a tab reloading every second); a decision to act is
          // asked every time.
          authorizer: EntityAuthorizer.create({
            httpAuth,
            permissions: caller.permissions,
            catalog: caller.catalog,
            actionsEnabled: mayAct,
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
          fleet: createFleetService({
            index,
            hosts,
            bindings,
            // Its catalog reads and read decisions reused as the list route's are.
            catalog: caller.catalog,
            permissions: caller.permissions,
            userInfo,
            containers,
            services,
            jobs: jobs.service,
            logger,
            hostDeadlineMs: settings.requestTimeoutMs,
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
          liveStats: liveStats.service,
        };
        httpRouter.use(await createRouter(routes));
        // The same reads and actions for assistants, over MCP (the mcp-actions plugin).
        registerAssistantActions(actionsRegistry, {
          ...routes,
          logLimits: settings.logs,
          hostDeadlineMs: settings.requestTimeoutMs,
        });
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
        // The engines' events keep the index live and reach pages, runs and owners.
        const watchers = createEngineWatchers({
          hosts,
          index,
          bindings,
          signals,
          managers: services.managers,
          jobs,
          notifier,
          logger,
        });
        reconnect.host = name => watchers.reconnect(name);
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
          watchers.start();
        });
        lifecycle.addShutdownHook(async () => {
          await watchers.stop();
          notifier.stop();
          liveStats.stop();
          await index?.stop();
          await caller.stop();
        });
        logger.info('docker-services is watching Docker hosts', {
          hosts: settings.hosts.map(h => h.name).join(', '),
        });
      },
    });
  },
});
