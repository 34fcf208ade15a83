import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The demo portal: catalog, org, user settings, signals and docker-services.
 * Plugins listed in package.json are discovered through `app.packages: all`;
 * the catalog is listed here because the app also uses its alpha entry.
 * The sign-in page offers the guest sign-in only when the configuration has
 * a guest provider (the demo's does, production's does not).
 */
export const appFeatures = [catalogPlugin, navModule, signInModule];

export default createApp({ features: appFeatures });
