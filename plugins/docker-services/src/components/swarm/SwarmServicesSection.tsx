import { WarningPanel } from '@backstage/core-components';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  SwarmServiceAction,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import Grid from '@material-ui/core/Grid';
import { useCallback, useState } from 'react';
import { backendMessage } from '../../hooks/backendMessage';
import { useAnnounceDiff } from '../../hooks/useAnnounceDiff';
import { useServiceAction } from '../../hooks/useServiceAction';
import { useSwarmServices } from '../../hooks/useSwarmServices';
import { LogsDrawer } from '../logs/LogsDrawer';
import { serviceLogSubject } from '../logs/logSubject';
import { announceServiceChanges } from './announceServiceChanges';
import { RestartServiceDialog } from './RestartServiceDialog';
import { ScaleServiceDialog } from './ScaleServiceDialog';
import { ServiceButtons } from './ServiceButtons';
import { SwarmHostCard } from './SwarmHostCard';

/**
 * An older backend has no services route (404), and a refusal to read the
 * entity (403) is already shown by the containers above: neither is said
 * again here.
 */
function isShownElsewhere(error: Error): boolean {
  return (
    error instanceof ResponseError &&
    (error.statusCode === 404 || error.statusCode === 403)
  );
}

/**
 * The entity's Docker Swarm services on the Services tab, below its
 * containers: per Swarm manager, each service with its tasks, logs, scale
 * and rolling restart. Nothing at all for an entity without services.
 * `version` changes when the page re-reads (its change signal, its refresh
 * button); results and changes go to the page's live region (`announce`),
 * and `onActed` re-reads the history after an action.
 */
export function SwarmServicesSection(props: {
  entity: Entity;
  version: number;
  announce: (...messages: string[]) => void;
  onActed: () => void;
}) {
  const { entity, version, announce, onActed } = props;
  const { value, error, retry } = useSwarmServices(entity, version);
  useAnnounceDiff(value, announce, announceServiceChanges);
  const onDone = useCallback(() => {
    retry();
    onActed();
  }, [retry, onActed]);
  const { run, busyAction } = useServiceAction(entity, onDone, announce);
  const [pending, setPending] = useState<{
    service: SwarmServiceSummary;
    action: SwarmServiceAction;
  }>();
  const [logsOf, setLogsOf] = useState<SwarmServiceSummary>();

  if (error && !isShownElsewhere(error)) {
    return (
      <Grid item>
        <WarningPanel
          severity="warning"
          title="The Swarm services of this component could not be read"
          message={backendMessage(error)}
        />
      </Grid>
    );
  }
  const hosts = (value?.hosts ?? []).filter(
    host => host.status === 'unavailable' || host.services.length > 0,
  );
  if (hosts.length === 0) return null;
  const renderActions = (service: SwarmServiceSummary) => (
    <ServiceButtons
      service={service}
      entity={entity}
      busy={busyAction(service)}
      onRequest={action => setPending({ service, action })}
      onOpenLogs={() => setLogsOf(service)}
    />
  );
  return (
    <>
      {hosts.map(host => (
        <Grid item key={host.name}>
          <SwarmHostCard host={host} renderActions={renderActions} />
        </Grid>
      ))}
      {logsOf && (
        <LogsDrawer
          source={{
            kind: 'service',
            target: {
              entityRef: getCompoundEntityRef(entity),
              host: logsOf.host,
              id: logsOf.id,
            },
          }}
          subject={serviceLogSubject(logsOf)}
          onClose={() => setLogsOf(undefined)}
        />
      )}
      {pending?.action === 'scale' && (
        <ScaleServiceDialog
          service={pending.service}
          entity={entity}
          onCancel={() => setPending(undefined)}
          onConfirm={(replicas, reason) => {
            setPending(undefined);
            run(pending.service, { action: 'scale', replicas, reason });
          }}
        />
      )}
      {pending?.action === 'restart' && (
        <RestartServiceDialog
          service={pending.service}
          entity={entity}
          onCancel={() => setPending(undefined)}
          onConfirm={reason => {
            setPending(undefined);
            run(pending.service, { action: 'restart', reason });
          }}
        />
      )}
    </>
  );
}
