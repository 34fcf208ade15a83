import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { CatalogTable } from '@backstage/plugin-catalog';
import catalogPlugin, {
  CatalogIndexPage,
} from '@backstage/plugin-catalog/alpha';
import { createDockerServicesStatusColumn } from '@docker-services/backstage-plugin-docker-services';

/**
 * The catalog, its table with a Docker column beside the default ones: each
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
                columns={context => [
                  ...CatalogTable.defaultColumnsFunc(context),
                  createDockerServicesStatusColumn(),
                ]}
              />
            ),
          },
        });
      },
    }),
  ],
});
