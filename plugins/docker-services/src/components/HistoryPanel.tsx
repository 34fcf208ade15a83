import { Entity } from '@backstage/catalog-model';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useEffect, useRef, useState } from 'react';
import { useHistory } from '../hooks/useHistory';
import { formatDuration } from './describeState';
import { describeHistoryAction } from './actionWords';

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
    render: e => <EntityRefLink entityRef={e.actor} defaultKind="user" />,
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
 * Who did what to the entity's containers and Swarm services, newest first. `version` changes
 * after every action, which reloads it.
 */
export function HistoryPanel({
  entity,
  version,
}: {
  entity: Entity;
  version: number;
}) {
  const { items, error, retry, hasOlder, loadOlder } = useHistory(entity);
  // When the last page is in, the button goes; focus moves to the line that
  // replaces it rather than being lost.
  const [paged, setPaged] = useState(false);
  const allShown = useRef<HTMLElement>(null);
  useEffect(() => {
    if (paged && !hasOlder) allShown.current?.focus();
  }, [paged, hasOlder]);
  useEffect(() => {
    if (version > 0) retry();
    // retry changes identity on every render; version is the trigger.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
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
            Nobody has started, stopped, restarted or scaled anything of this
            component from the portal yet.
          </Typography>
        }
      />
      {hasOlder && (
        <Button
          size="small"
          onClick={() => {
            setPaged(true);
            loadOlder();
          }}
          style={{ marginTop: 8 }}
        >
          Show older actions
        </Button>
      )}
      {paged && !hasOlder && (
        <Typography
          variant="body2"
          tabIndex={-1}
          ref={allShown}
          style={{ marginTop: 8 }}
        >
          All {items?.length} actions are shown.
        </Typography>
      )}
    </>
  );
}
