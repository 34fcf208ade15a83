import { Entity } from '@backstage/catalog-model';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { useHistory } from '../hooks/useHistory';
import { useRereadList } from '../hooks/useRereadList';
import { formatDuration } from './describeState';
import { describeHistoryAction, portalActorWords } from './actionWords';
import { ShowOlderButton } from './ShowOlderButton';

const OUTCOME: Record<HistoryEntry['outcome'], string> = {
  // The row is written before Docker is called, and updated when it answers.
  requested: 'Requested, in progress',
  succeeded: 'Done',
  failed: 'Failed',
  unknown: 'Not confirmed',
  // Someone who may not act asked the owners to; nothing was done yet.
  asked: 'Asked the owners',
};

const columns: TableColumn<HistoryEntry>[] = [
  {
    title: 'When',
    render: e => (
      <span title={e.createdAt}>
        {formatDuration(new Date(), e.createdAt)} ago
      </span>
    ),
  },
  {
    title: 'Who',
    render: e =>
      portalActorWords(e.actor) ?? (
        <EntityRefLink entityRef={e.actor} defaultKind="user" />
      ),
  },
  {
    title: 'What',
    render: describeHistoryAction,
  },
  { title: 'Host', field: 'host' },
  { title: 'Reason', render: e => e.reason ?? '—' },
  {
    title: 'Outcome',
    render: e =>
      e.error ? `${OUTCOME[e.outcome]}: ${e.error}` : OUTCOME[e.outcome],
  },
];

/**
 * Who did what to the entity's containers, jobs and Swarm services, newest
 * first. `version` changes after every action, which reloads it.
 */
export function HistoryPanel({
  entity,
  version,
}: {
  entity: Entity;
  version: number;
}) {
  const history = useHistory(entity);
  const { items, error, hasOlder, loadOlder } = history;
  useRereadList(history, version, undefined);
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <>
      <Table<HistoryEntry>
        title="Recent actions"
        // Newest first, as the backend pages it; no sorting or dragging (a
        // drag handle inside a sort button is a nested control).
        options={{
          paging: false,
          search: false,
          sorting: false,
          draggable: false,
          padding: 'dense',
        }}
        columns={columns}
        data={items ?? []}
        isLoading={!items}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            Nobody has started, stopped, restarted, scaled or scheduled anything
            of this component from the portal yet.
          </Typography>
        }
      />
      <ShowOlderButton
        hasOlder={hasOlder}
        loadOlder={loadOlder}
        label="Show older actions"
        allShown={`All ${items?.length} actions are shown.`}
      />
    </>
  );
}
