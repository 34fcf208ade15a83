import { createApp } from '@backstage/frontend-defaults';
import { catalogWithDockerColumn } from './modules/catalog';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The demo portal: catalog, org, user settings, signals and docker-services.
 * Plugins listed in package.json are discovered through `app.packages: all`;
 * the catalog is listed here with its table's Docker column added.
 * The sign-in page offers the guest sign-in only when the configuration has
 * a guest provider (the demo's does, production's does not).
 */
export const appFeatures = [catalogWithDockerColumn, navModule, signInModule];

export default createApp({ features: appFeatures });
