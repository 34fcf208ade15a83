import { Entity } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import { DockerStatusCell } from './DockerStatusCell';

/**
 * A column for the catalog table: each row's worst Docker state in words
 * beside an icon ("2 of 3 running, 1 unhealthy", "Job failed 2 hours ago",
 * all of the entity's lines on hover). The rows shown are asked about in
 * one request.
 * Add it to the catalog page's columns:
 *
 * ```tsx
 * <CatalogIndexPage
 *   columns={context => [
 *     ...CatalogTable.defaultColumnsFunc(context),
 *     createDockerServicesStatusColumn(),
 *   ]}
 * />
 * ```
 *
 * @public
 */
export function createDockerServicesStatusColumn<
  TRow extends { entity: Entity },
>(
  options: {
    /** The column's heading; default "Docker". */
    title?: string;
  } = {},
): TableColumn<TRow> {
  return {
    title: options.title ?? 'Docker',
    sorting: false,
    searchable: false,
    // The catalog's default columns share the whole width between them:
    // without a minimum, this one is squeezed to its longest word.
    cellStyle: { minWidth: '10em' },
    headerStyle: { minWidth: '10em' },
    render: row => <DockerStatusCell entity={row.entity} />,
  };
}
