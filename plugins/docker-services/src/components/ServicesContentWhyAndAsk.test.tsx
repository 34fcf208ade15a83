import { renderInTestApp } from '@backstage/frontend-test-utils';
import { LogStreamEvent } from '@docker-services/backstage-plugin-docker-services-common';
import { screen, waitFor, within } from '@testing-library/react';
import { dockerServicesApiRef, LogQuery } from '../api/DockerServicesApi';
import { ServicesContent } from './ServicesContent';
import {
  allow,
  allowOnly,
  entity,
  entityNamed,
  fakeApi,
  fastUser,
  findRow,
  mountedRoutes,
  permissionsOn,
  response,
  rowButton,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

const id = 'a'.repeat(64);

describe('ServicesContent: why it stopped, asking the owners, links', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('explains why a container stopped and opens its logs at that moment', async () => {
    const user = fastUser();
    const api = fakeApi(Promise.resolve(response));
    const queries: LogQuery[] = [];
    api.streamLogs.mockImplementation(async function* streamLogs(
      _target: unknown,
      query: LogQuery,
    ): AsyncGenerator<LogStreamEvent> {
      queries.push(query);
      yield { event: 'end', message: 'The log ends here.' };
    });
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });
    const row = await findRow('shop-web-1');
    await user.click(rowButton(row, 'Why did it stop? (shop-web-1)'));
    const dialog = await screen.findByRole('dialog', {
      name: 'shop-web-1: Why did it stop?',
    });
    expect(
      await within(dialog).findByTestId('diagnosis-summary'),
    ).toHaveTextContent('It was killed.');
    await user.click(
      within(dialog).getByRole('button', {
        name: 'Open the logs at this moment',
      }),
    );
    const logs = await screen.findByRole('dialog', {
      name: 'Logs of shop-web-1',
    });
    expect(within(logs).getByTestId('log-until')).toHaveTextContent(
      /Showing the log up to .* when it stopped/,
    );
    await waitFor(() =>
      expect(queries[0]).toMatchObject({
        until: '2026-01-01T03:00:00Z',
        follow: false,
      }),
    );
  });

  it('lets a user who may not act ask the owners, and reads their answer out', async () => {
    const user = fastUser();
    const api = fakeApi(Promise.resolve(response));
    await renderInTestApp(<ServicesContent entity={entityNamed('ask-tab')} />, {
      apis: [[dockerServicesApiRef, api], allowOnly('logs')],
      mountedRoutes,
      config: permissionsOn,
    });
    const row = await findRow('shop-web-1');
    await waitFor(() =>
      expect(
        rowButton(row, 'Ask the owners to start shop-web-1'),
      ).toBeInTheDocument(),
    );
    await user.click(rowButton(row, 'Ask the owners to start shop-web-1'));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Reason/), 'it is down');
    const historyReads = api.getHistory.mock.calls.length;
    await user.click(
      within(dialog).getByRole('button', { name: 'Send to the owners' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('live-announcements')).toHaveTextContent(
        'The owners were asked to start shop-web-1.',
      ),
    );
    // The request is a history row: the history is read again.
    await waitFor(() =>
      expect(api.getHistory.mock.calls.length).toBeGreaterThan(historyReads),
    );
  });

  it('opens the confirmation a link asks for once the list is shown, and forgets the link', async () => {
    window.history.replaceState(
      null,
      '',
      `/services?confirm=start&host=local&container=${id}`,
    );
    const api = fakeApi(Promise.resolve(response));
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });
    expect(
      await screen.findByRole('dialog', { name: 'Start shop-web-1?' }),
    ).toBeInTheDocument();
    expect(window.location.search).toBe('');
  });
});
