import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { CatalogTable } from '@backstage/plugin-catalog';
import catalogPlugin, {
  CatalogIndexPage,
} from '@backstage/plugin-catalog/alpha';
import { createDockerServicesStatusColumn } from '@docker-services/backstage-plugin-docker-services';

/**
 * The catalog, its table with a Docker column right after the name: each
 * row's worst state in words, the rows shown asked about in one request.
 * The page is the catalog's own, with its filters, pagination and export
 * settings; only its columns are ours.
 */
export const catalogWithDockerColumn = catalogPlugin.withOverrides({
  extensions: [
    catalogPlugin.getExtension('page:catalog').override({
      factory(originalFactory, { inputs, config }) {
        return originalFactory({
          params: {
            loader: async () => (
              <CatalogIndexPage
                filters={
                  <>
                    {inputs.filters.map(filter =>
                      filter.get(coreExtensionData.reactElement),
                    )}
                  </>
                }
                pagination={config.pagination}
                exportSettings={
                  config.exportSettings?.enabled
                    ? config.exportSettings
                    : undefined
                }
                columns={context => {
                  // Right after the name (the first column shown), not
                  // after the description and tags: at the end, the
                  // catalog's default columns push it out of view on a
                  // 1280 px screen.
                  const columns = CatalogTable.defaultColumnsFunc(context);
                  const afterName = columns.findIndex(c => !c.hidden) + 1;
                  return [
                    ...columns.slice(0, afterName),
                    createDockerServicesStatusColumn(),
                    ...columns.slice(afterName),
                  ];
                }}
              />
            ),
          },
        });
      },
    }),
  ],
});
