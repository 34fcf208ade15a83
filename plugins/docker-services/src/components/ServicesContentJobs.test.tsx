import { act, screen, waitFor, within } from '@testing-library/react';
import { FakeSignalApi } from '../hooks/__testUtils__/FakeSignalApi';
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
import {
  failedRun,
  findJobCard,
  jobsResponse,
  jobsResponseWith,
  jobWith,
  reportJob,
  runsPage,
  runWith,
} from './__testUtils__/jobFixtures';
import { renderServicesContent } from './__testUtils__/renderServicesContent';

// Every test renders the page and waits for it; a cold jest cache on a busy
// two-core machine needs far more than jest's default 5 s for that.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

const shopWebRef = {
  kind: 'Component',
  namespace: 'default',
  name: 'shop-web',
};
const reportTarget = {
  entityRef: shopWebRef,
  host: 'local',
  id: reportJob.containerId,
};

function jobsApi(list = jobsResponse) {
  const api = fakeApi(Promise.resolve(response));
  api.listJobs.mockResolvedValue(list);
  api.listJobRuns.mockResolvedValue(runsPage);
  return api;
}

describe('ServicesContent jobs', () => {
  it('shows nothing of jobs for an entity without jobs', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderServicesContent(api);
    await findRow('shop-web-1');
    await waitFor(() => expect(api.listJobs).toHaveBeenCalledWith(shopWebRef));
    expect(screen.queryByText('Jobs')).not.toBeInTheDocument();
    expect(api.listJobRuns).not.toHaveBeenCalled();
  });

  it('says of each job its last run, its schedule and its retries in words', async () => {
    await renderServicesContent(jobsApi());
    const card = await findJobCard('demo-data-report-1');
    expect(
      screen.getByRole('heading', { name: 'Jobs', level: 2 }),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('heading', {
        name: 'Job demo-data-report-1 on host local',
        level: 3,
      }),
    ).toBeInTheDocument();
    expect(within(card).getByTestId('job-summary')).toHaveTextContent(
      'Last run: failed after 4 min with code 3 (the program reported an error), 2 hours ago' +
        'Runs every day at 02:00 (Europe/Berlin) · next run in 5 hours' +
        'Retries a failed run 2 times, 30 s apart',
    );
  });

  it('runs a job now with the reason given, and says the result', async () => {
    const user = fastUser();
    const api = jobsApi();
    api.runJobNow.mockResolvedValue({
      message: 'demo-data-report-1 started: run 14.',
    });
    await renderServicesContent(api);
    const card = await findJobCard('demo-data-report-1');
    await user.click(rowButton(card, 'Run now: demo-data-report-1'));
    const dialog = await screen.findByRole('dialog', {
      name: 'Run demo-data-report-1 now?',
    });
    await user.type(
      within(dialog).getByLabelText(/Reason/),
      'numbers needed today',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Run now' }));

    await waitFor(() =>
      expect(api.runJobNow).toHaveBeenCalledWith({
        ...reportTarget,
        reason: 'numbers needed today',
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('live-announcements')).toHaveTextContent(
        'demo-data-report-1 started: run 14.',
      ),
    );
  });

  it('disables Run now while the job runs, and both buttons for users who may not act, saying why', async () => {
    const running = runWith({
      outcome: 'running',
      trigger: 'portal',
      actor: 'user:default/alice',
      startedAt: new Date(Date.now() - 12_000).toISOString(),
      finishedAt: undefined,
      durationMs: undefined,
    });
    const api = jobsApi(
      jobsResponseWith(
        jobWith({ running: true, state: 'running', lastRun: running }),
        jobWith({
          containerId: 'd'.repeat(64),
          containerName: 'demo-data-import-1',
          schedule: { ...reportJob.schedule!, paused: true },
          schedulesEnabled: false,
        }),
      ),
    );
    await renderServicesContent(api, {
      entity: entityNamed('reports'),
      permissions: allowOnly('start', 'logs'),
      config: permissionsOn,
    });
    const report = await findJobCard('demo-data-report-1');
    expect(within(report).getByTestId('job-summary')).toHaveTextContent(
      /^Running for 1\d s \(started by alice\)/,
    );
    const run = rowButton(report, 'Run now: demo-data-report-1');
    await waitFor(() =>
      expect(run).toHaveAccessibleDescription(
        'demo-data-report-1 is already running.',
      ),
    );
    expect(run).toBeDisabled();
    const schedule = rowButton(report, 'Schedule demo-data-report-1');
    expect(schedule).toBeDisabled();
    expect(schedule).toHaveAccessibleDescription(
      'Only the owners of reports (team-shop) or an administrator may schedule its jobs. Ask them.',
    );

    const importer = await findJobCard('demo-data-import-1');
    expect(within(importer).getByTestId('job-summary')).toHaveTextContent(
      "Schedules are off on host local (the portal's configuration), so it does not run every day at 02:00 (Europe/Berlin)",
    );
    expect(rowButton(importer, 'Run now: demo-data-import-1')).toBeEnabled();
  });

  it("opens a run's log in the drawer, from that run only, and re-reads jobs and runs on the entity's signal", async () => {
    const user = fastUser();
    const api = jobsApi();
    api.streamJobRunLogs.mockImplementation(async function* stream() {
      yield {
        stream: 'stderr' as const,
        time: '2026-01-01T02:00:01Z',
        line: 'report: no data for yesterday',
      };
    });
    const signals = new FakeSignalApi();
    await renderServicesContent(api, { signals });
    const card = await findJobCard('demo-data-report-1');
    await user.click(
      await within(card).findByRole('button', {
        name: 'Log of run 11 of demo-data-report-1',
        hidden: true,
      }),
    );
    const drawer = await screen.findByRole('dialog', {
      name: 'Log of run 11 of demo-data-report-1',
    });
    await waitFor(() =>
      expect(within(drawer).getByTestId('log-line-count')).toHaveTextContent(
        '1 line (1 on stderr, marked [stderr])',
      ),
    );
    expect(drawer).toHaveTextContent(
      'The lines of this run only, from its start to its end.',
    );
    // The run sets the time range: there are no times to choose.
    expect(within(drawer).queryByLabelText('Show')).not.toBeInTheDocument();
    expect(api.streamJobRunLogs).toHaveBeenCalledWith(
      { ...reportTarget, runId: 11 },
      expect.objectContaining({ follow: false, tail: 500 }),
      expect.any(AbortSignal),
    );
    expect(api.streamLogs).not.toHaveBeenCalled();
    await user.click(
      within(drawer).getByRole('button', { name: 'Close logs' }),
    );

    api.listJobs.mockResolvedValue(
      jobsResponseWith(
        jobWith({
          lastRun: {
            ...failedRun,
            summary: 'succeeded after 3 min',
            outcome: 'succeeded',
          },
        }),
      ),
    );
    const runsRead = api.listJobRuns.mock.calls.length;
    act(() =>
      signals.deliver('docker-services:entity:component:default/shop-web', {
        change: 'changed',
      }),
    );
    await waitFor(() =>
      expect(within(card).getByTestId('job-summary')).toHaveTextContent(
        /^Last run: succeeded after 3 min/,
      ),
    );
    expect(api.listJobRuns.mock.calls.length).toBeGreaterThan(runsRead);
  });
});
