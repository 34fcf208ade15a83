import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { dockerServicesApiRef } from '../../api/DockerServicesApi';
import {
  entity,
  fakeApi,
  fastUser,
  mountedRoutes,
  response,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import {
  olderRunsPage,
  reportJob,
  runsPage,
} from '../__testUtils__/jobFixtures';
import { JobRunsTable } from './JobRunsTable';

// Rendering in the test app takes far more than jest's default 5 s on a
// busy machine with a cold jest cache.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

const target = {
  entityRef: { kind: 'Component', namespace: 'default', name: 'shop-web' },
  host: 'local',
  id: reportJob.containerId,
};

async function renderRuns(options: { logsRefusal?: string } = {}) {
  const api = fakeApi(Promise.resolve(response));
  api.listJobRuns.mockImplementation(async (_target, page) =>
    (page as { before?: number }).before === 11 ? olderRunsPage : runsPage,
  );
  const onOpenLog = jest.fn();
  await renderInTestApp(
    <JobRunsTable
      entity={entity}
      job={reportJob}
      version={0}
      logsRefusal={options.logsRefusal}
      onOpenLog={onOpenLog}
    />,
    { apis: [[dockerServicesApiRef, api]], mountedRoutes },
  );
  const table = await screen.findByRole('table', {
    name: 'Runs of demo-data-report-1',
  });
  await within(table).findByText('#11');
  return { api, onOpenLog, table };
}

const rowsOf = (table: HTMLElement) => within(table).getAllByTestId('job-run');

describe('JobRunsTable', () => {
  it('shows the newest runs first, in words: who started each, a retry, a skipped run', async () => {
    const { api, table } = await renderRuns();
    expect(api.listJobRuns).toHaveBeenCalledWith(target, { limit: 10 });
    const [retry, skipped, first] = rowsOf(table);
    expect(retry).toHaveTextContent(
      /^#13: retry 1 of run #11a retry2 hours ago4 minFailed after 4 min with code 3 \(the program reported an error\)Log$/,
    );
    expect(skipped).toHaveTextContent(
      /^#12the schedule2 hours ago—Not started: the previous run was still running$/,
    );
    // A skipped run never started: it has no log.
    expect(within(skipped).queryByRole('button')).not.toBeInTheDocument();
    expect(first).toHaveTextContent(
      /^#11aliceReason: numbers needed today2 hours ago4 minFailed after 4 min/,
    );
    // The exact start is there for whoever needs it: in words on hover,
    // and as the machine reads it.
    const started = within(first).getByText('2 hours ago');
    const { startedAt } = runsPage.items[2];
    expect(started).toHaveAttribute('datetime', startedAt);
    expect(started).toHaveAttribute(
      'title',
      new Date(startedAt).toLocaleString(undefined, {
        dateStyle: 'medium',
        timeStyle: 'medium',
      }),
    );
  });

  it('pages older runs, and says when all are shown', async () => {
    const user = fastUser();
    const { api, table } = await renderRuns();
    await user.click(
      screen.getByRole('button', {
        name: 'Show older runs of demo-data-report-1',
      }),
    );
    await waitFor(() => expect(rowsOf(table)).toHaveLength(4));
    expect(api.listJobRuns).toHaveBeenLastCalledWith(target, {
      limit: 10,
      before: 11,
    });
    expect(rowsOf(table)[3]).toHaveTextContent(
      /^#10outside the portal.*1 minSucceeded after 1 min/,
    );
    expect(
      screen.queryByRole('button', { name: /Show older runs/ }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('All 4 runs are shown.')).toHaveFocus();
  });

  it("opens a run's log", async () => {
    const user = fastUser();
    const { onOpenLog, table } = await renderRuns();
    await user.click(
      within(table).getByRole('button', {
        name: 'Log of run 13 of demo-data-report-1',
      }),
    );
    expect(onOpenLog).toHaveBeenCalledWith(runsPage.items[0]);
  });

  it('disables the logs for users who may not read them, saying why', async () => {
    const refusal =
      "The portal's policy does not let you read the logs of shop-web. Its owners (team-shop) can.";
    const { table } = await renderRuns({ logsRefusal: refusal });
    const log = within(table).getByRole('button', {
      name: 'Log of run 11 of demo-data-report-1',
    });
    expect(log).toBeDisabled();
    expect(log).toHaveAccessibleDescription(refusal);
  });
});
