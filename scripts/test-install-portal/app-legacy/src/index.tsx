import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import { Navigate, Route } from 'react-router-dom';
import { createApp } from '@backstage/app-defaults';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import { SignInPage } from '@backstage/core-components';
import {
  CatalogEntityPage,
  CatalogIndexPage,
  EntityLayout,
  EntityAboutCard,
} from '@backstage/plugin-catalog';
import { signalsPlugin } from '@backstage/plugin-signals';
import {
  EntityDockerServicesContent,
  isDockerServicesAvailable,
} from '@docker-services/backstage-plugin-docker-services';

const entityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <EntityAboutCard />
    </EntityLayout.Route>
    <EntityLayout.Route
      path="/services"
      title="Services"
      if={isDockerServicesAvailable}
    >
      <EntityDockerServicesContent />
    </EntityLayout.Route>
  </EntityLayout>
);

const app = createApp({
  plugins: [signalsPlugin],
  components: {
    SignInPage: props => <SignInPage {...props} providers={['guest']} />,
  },
});

const App = app.createRoot(
  <AppRouter>
    <FlatRoutes>
      <Route path="/" element={<Navigate to="catalog" />} />
      <Route path="/catalog" element={<CatalogIndexPage />} />
      <Route
        path="/catalog/:namespace/:kind/:name"
        element={<CatalogEntityPage />}
      >
        {entityPage}
      </Route>
    </FlatRoutes>
  </AppRouter>,
);

ReactDOM.createRoot(document.getElementById('root')!).render(<App />);
