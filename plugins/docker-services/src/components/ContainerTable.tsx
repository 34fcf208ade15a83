import { Table, TableColumn } from '@backstage/core-components';
import Link from '@material-ui/core/Link';
import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { ConflictNote } from './ConflictNote';
import { StateLabel } from './StateLabel';

function formatPorts(container: ContainerSummary): string {
  return container.ports
    .map(p =>
      p.publicPort
        ? `${p.publicPort}→${p.privatePort}/${p.protocol}`
        : `${p.privatePort}/${p.protocol}`,
    )
    .join(', ');
}

const stateColumns: TableColumn<ContainerSummary>[] = [
  { title: 'State', field: 'state', render: c => <StateLabel container={c} /> },
  { title: 'Image', field: 'image' },
  { title: 'Host', field: 'host' },
  { title: 'Ports', sorting: false, render: c => formatPorts(c) || '—' },
];

/**
 * Column dragging puts a focusable handle inside each sortable header (a
 * control nested in a control, which screen readers cannot use): off.
 */
const TABLE_OPTIONS = {
  paging: false,
  search: false,
  padding: 'dense',
  draggable: false,
} as const;

/**
 * The containers of one Docker host, with a cell of actions per row. A
 * container bound to several entities says so under its name.
 */
export function ContainerTable(props: {
  title: string;
  containers: ContainerSummary[];
  renderActions: (container: ContainerSummary) => JSX.Element;
  onOpenDetails: (container: ContainerSummary) => void;
}) {
  const columns: TableColumn<ContainerSummary>[] = [
    {
      title: 'Container',
      field: 'name',
      highlight: true,
      render: c => (
        <>
          <Link
            component="button"
            variant="body2"
            onClick={() => props.onOpenDetails(c)}
            data-testid="container-name"
            title="Details"
            style={{ textAlign: 'left' }}
          >
            {c.name}
          </Link>
          <Typography variant="caption" color="textSecondary" display="block">
            {c.id.slice(0, 12)}
          </Typography>
          <ConflictNote bound={c} />
        </>
      ),
    },
    ...stateColumns,
    { title: 'Actions', sorting: false, render: c => props.renderActions(c) },
  ];
  return (
    <Table<ContainerSummary>
      title={props.title}
      options={TABLE_OPTIONS}
      columns={columns}
      data={props.containers}
    />
  );
}
