import {
  ContainerActionResponse,
  ContainerListResponse,
  HistoryEntry,
  HistoryResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { screen, waitFor, within } from '@testing-library/react';
import {
  containerWith,
  fakeApi,
  fastUser,
  findRow,
  response,
  responseWith,
  rowButton,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';
import { renderServicesContent } from './__testUtils__/renderServicesContent';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

const minutesAgo = (n: number) =>
  new Date(Date.now() - n * 60_000).toISOString();

/** Docker's FinishedAt of the run the portal's stop ended. */
const STOPPED_AT = minutesAgo(2);

const stopRow: HistoryEntry = {
  id: 5,
  entityRef: 'component:default/shop-web',
  actor: 'user:default/alice',
  action: 'stop',
  host: 'local',
  containerId: 'a'.repeat(64),
  containerName: 'shop-web-1',
  reason: 'maintenance',
  outcome: 'succeeded',
  changed: true,
  createdAt: minutesAgo(2),
  dockerFinishedAt: STOPPED_AT,
};

const listWith = (overrides: Parameters<typeof containerWith>[0]) =>
  responseWith({
    name: 'local',
    status: 'ok',
    containers: [containerWith(overrides)],
  });

/** The list after the portal's stop: the exit code of a stop, 143. */
const stoppedFromPortal = listWith({
  exitCode: 143,
  startedAt: minutesAgo(60),
  finishedAt: STOPPED_AT,
});

/** The entity's page with this list and history; its shop-web-1 row. */
async function renderRow(
  list: ContainerListResponse,
  history: Promise<HistoryResponse>,
) {
  const api = fakeApi(Promise.resolve(list));
  api.getHistory.mockReturnValue(history);
  await renderServicesContent(api);
  return { api, row: await findRow('shop-web-1') };
}

/** A promise the test resolves when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

/** The state cell of a row: the status it shows, and its words. */
function stateOf(row: HTMLElement) {
  return within(row).getByTestId('row-state');
}

describe('ServicesContent: the state of a row', () => {
  it('says who stopped a container from the portal, when and why, in a neutral tone, not as a crash', async () => {
    const { row } = await renderRow(
      stoppedFromPortal,
      Promise.resolve({ items: [stopRow] }),
    );
    await waitFor(() =>
      expect(stateOf(row)).toHaveTextContent(
        'Stopped by alice 2 minutes ago: maintenance',
      ),
    );
    expect(row).not.toHaveTextContent(/code 143/);
    // The status beside the words is grey (Backstage's "aborted"), not red.
    const status = stateOf(row).closest('[class*="BackstageStatus"]')!;
    expect(
      within(status as HTMLElement).getByTestId('status-aborted'),
    ).toBeTruthy();
    expect(
      within(status as HTMLElement).queryByTestId('status-error'),
    ).not.toBeInTheDocument();
    // The exit code is still explained where it is asked for.
    expect(rowButton(row, 'Why did it stop? (shop-web-1)')).toBeInTheDocument();
  });

  it('says who stopped a container once the history arrives after the list, without waiting for it to show the rows', async () => {
    const history = deferred<HistoryResponse>();
    const { row } = await renderRow(stoppedFromPortal, history.promise);
    await waitFor(() => expect(stateOf(row)).toHaveTextContent(/code 143/));
    history.resolve({ items: [stopRow] });
    await waitFor(() =>
      expect(stateOf(row)).toHaveTextContent(
        'Stopped by alice 2 minutes ago: maintenance',
      ),
    );
    expect(await screen.findByText('maintenance')).toBeInTheDocument();
  });

  it('says an exit is an exit when the newest action on it was not a stop', async () => {
    const { api, row } = await renderRow(
      response,
      Promise.resolve({
        items: [
          { ...stopRow, id: 6, action: 'start', createdAt: minutesAgo(1) },
          stopRow,
        ],
      }),
    );
    await waitFor(() => expect(api.getHistory).toHaveBeenCalled());
    expect(stateOf(row)).toHaveTextContent(/^Exited .* with code 137/);
  });

  it('says "Stopping…" from the moment the stop is sent until the list read after its answer shows it', async () => {
    const user = fastUser();
    const { api, row } = await renderRow(
      listWith({ state: 'running', startedAt: minutesAgo(60) }),
      Promise.resolve({ items: [] }),
    );
    const answer = deferred<ContainerActionResponse>();
    const reread = deferred<ContainerListResponse>();
    api.runAction.mockImplementation((() => {
      // From now on the list is read again only when the test says so.
      api.listContainers.mockImplementation(() => reread.promise);
      return answer.promise;
    }) as unknown as typeof api.runAction);
    expect(stateOf(row)).toHaveTextContent(/Running for/);

    await user.click(rowButton(row, 'Stop shop-web-1'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(stateOf(row)).toHaveTextContent('Stopping…'));

    // The answer comes; the list read after it has not yet.
    api.getHistory.mockResolvedValue({ items: [stopRow] });
    answer.resolve({
      action: 'stop',
      changed: true,
      message: 'shop-web-1 was stopped.',
    });
    await waitFor(() =>
      expect(screen.getByTestId('live-announcements')).toHaveTextContent(
        'shop-web-1 was stopped.',
      ),
    );
    await waitFor(() => expect(api.listContainers).toHaveBeenCalledTimes(2));
    expect(stateOf(row)).toHaveTextContent('Stopping…');

    reread.resolve(stoppedFromPortal);
    await waitFor(() =>
      expect(stateOf(row)).toHaveTextContent(
        'Stopped by alice 2 minutes ago: maintenance',
      ),
    );
  });
});
