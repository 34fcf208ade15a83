import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import dockerServicesPlugin from '../src';

// A standalone app for working on this plugin: the catalog and the Services
// tab, nothing else, against a real backend at backend.baseUrl (the demo
// portal's, or the backend plugin's own `yarn start`).
//
//   yarn start   (in this folder), sign in, then open
//   http://localhost:3000/catalog/default/component/shop-web/services

const app = createApp({ features: [catalogPlugin, dockerServicesPlugin] });

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
