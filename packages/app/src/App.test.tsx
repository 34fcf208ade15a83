import { render, screen, waitFor } from '@testing-library/react';
import { createApp } from '@backstage/frontend-defaults';
import App, { appFeatures } from './App';

/**
 * Renders the app, not signed in, with `data` as its frontend config. An app
 * reads its config once, so each test makes its own from the same features.
 */
function renderApp(data: object, app = createApp({ features: appFeatures })) {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: { title: 'Test' },
          backend: { baseUrl: 'http://localhost:7007' },
          techdocs: {
            storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
          },
          ...data,
        },
        context: 'test',
      },
    ] as any,
  };
  return render(app.createRoot());
}

// The first render loads the app's lazy parts; slow on a busy machine.
jest.setTimeout(60_000);

describe('App', () => {
  beforeEach(() => localStorage.clear());

  it('should render', async () => {
    const rendered = renderApp({}, App);
    await waitFor(() => {
      expect(rendered.baseElement).toBeInTheDocument();
    });
  });

  // The demo configures the guest provider; the frontend sees it as {}.
  it('offers the guest sign-in when the config has a guest provider', async () => {
    renderApp({ auth: { providers: { guest: {} } } });
    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(
      screen.queryByText(/No way to sign in is configured/),
    ).not.toBeInTheDocument();
  });

  // Production (app-config.production.yaml) has no guest provider.
  it('offers no guest sign-in without a guest provider, and says so', async () => {
    renderApp({});
    expect(
      await screen.findByText(
        /No way to sign in is configured/,
        {},
        { timeout: 30_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });
});
