import '@backstage/cli/asset-types';
import '@backstage/ui/css/styles.css';
import ReactDOM from 'react-dom/client';
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';

// Feature discovery (app.packages: all) finds the docker-services plugin
// among this package's dependencies; the catalog is listed for its alpha entry.
const app = createApp({ features: [catalogPlugin] });

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
