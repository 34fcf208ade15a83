import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

/**
 * The demo portal: catalog, org, user settings, signals and docker-services.
 * Plugins listed in package.json are discovered through `app.packages: all`;
 * the catalog is listed here because the app also uses its alpha entry.
 */
export default createApp({
  features: [catalogPlugin, navModule],
});
