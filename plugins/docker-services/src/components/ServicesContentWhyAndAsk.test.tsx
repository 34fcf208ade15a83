import { mockApis } from '@backstage/frontend-test-utils';
import {
  HistoryEntry,
  LogStreamEvent,
} from '@docker-services/backstage-plugin-docker-services-common';
import { screen, waitFor, within } from '@testing-library/react';
import { LogQuery } from '../api/DockerServicesApi';
import {
  allowOnly,
  entityNamed,
  fakeApi,
  fastUser,
  findRow,
  permissionsOn,
  response,
  rowButton,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';
import { renderServicesContent } from './__testUtils__/renderServicesContent';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

const id = 'a'.repeat(64);

const askedRow = (overrides: Partial<HistoryEntry>): HistoryEntry => ({
  id: 7,
  entityRef: 'component:default/shop-web',
  actor: 'user:default/bob',
  action: 'start',
  host: 'local',
  containerId: id,
  containerName: 'shop-web-1',
  reason: 'checkout is down',
  outcome: 'asked',
  changed: false,
  createdAt: new Date(Date.now() - 3 * 60_000).toISOString(),
  // As the backend says it with its default interval (10 minutes).
  askAgainAt: new Date(Date.now() + 7 * 60_000).toISOString(),
  ...overrides,
});

const signedInAs = (user: string) =>
  mockApis.identity({
    userEntityRef: user,
    ownershipEntityRefs: [user],
  });

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
    await renderServicesContent(api);
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
    await renderServicesContent(api, {
      entity: entityNamed('ask-tab'),
      permissions: allowOnly('logs'),
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

  it("marks the container a notification's link is about, in words", async () => {
    window.history.replaceState(null, '', `/services?highlight=local/${id}`);
    const api = fakeApi(Promise.resolve(response));
    await renderServicesContent(api);
    const row = await findRow('shop-web-1');
    expect(within(row).getByText('From your notification')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('marks nothing for a link with a partial id', async () => {
    window.history.replaceState(null, '', '/services?highlight=local/aaaa');
    const api = fakeApi(Promise.resolve(response));
    await renderServicesContent(api);
    await findRow('shop-web-1');
    expect(screen.queryByText('From your notification')).toBeNull();
  });

  it('opens the confirmation a link asks for once the list is shown, and forgets the link', async () => {
    window.history.replaceState(
      null,
      '',
      `/services?confirm=start&host=local&container=${id}`,
    );
    const api = fakeApi(Promise.resolve(response));
    await renderServicesContent(api);
    expect(
      await screen.findByRole('dialog', { name: 'Start shop-web-1?' }),
    ).toBeInTheDocument();
    expect(window.location.search).toBe('');
  });

  it('says in the confirmation a link opens who asked the owners for it, and why', async () => {
    window.history.replaceState(
      null,
      '',
      `/services?confirm=start&host=local&container=${id}`,
    );
    const api = fakeApi(Promise.resolve(response));
    api.getHistory.mockResolvedValue({
      items: [
        askedRow({ id: 8, action: 'restart', reason: 'an older request' }),
        askedRow({}),
      ],
    });
    await renderServicesContent(api);
    const dialog = await screen.findByRole('dialog', {
      name: 'Start shop-web-1?',
    });
    expect(await within(dialog).findByTestId('asked-by')).toHaveTextContent(
      'bob asked the owners for this 3 minutes ago: “checkout is down”',
    );
  });

  it('says when the user asked the owners rather than offer to ask again', async () => {
    const api = fakeApi(Promise.resolve(response));
    api.getHistory.mockResolvedValue({
      items: [askedRow({ actor: 'user:default/carol' })],
    });
    await renderServicesContent(api, {
      entity: entityNamed('asked-tab'),
      permissions: allowOnly('logs'),
      identity: signedInAs('user:default/carol'),
      config: permissionsOn,
    });
    const row = await findRow('shop-web-1');
    await waitFor(() =>
      expect(within(row).getByTestId('you-asked')).toHaveTextContent(
        'You asked the owners to start it 3 minutes ago.',
      ),
    );
    expect(
      within(row).queryByRole('button', {
        name: 'Ask the owners to start shop-web-1',
        hidden: true,
      }),
    ).not.toBeInTheDocument();
    // A non-owner is told whom to ask.
    expect(screen.getByTestId('owner-line')).toHaveTextContent(
      'Owned by team-shop. Ask them about these containers.',
    );
  });

  it('does not tell an owner to ask the owners', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderServicesContent(api, {
      identity: mockApis.identity({
        userEntityRef: 'user:default/alice',
        ownershipEntityRefs: ['user:default/alice', 'group:default/team-shop'],
      }),
    });
    await findRow('shop-web-1');
    await waitFor(() =>
      expect(screen.getByTestId('owner-line')).toHaveTextContent(
        /^Owned by team-shop\.$/,
      ),
    );
  });
});
