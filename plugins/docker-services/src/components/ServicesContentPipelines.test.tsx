import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  allowOnly,
  fakeApi,
  permissionsOn,
  response,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';
import {
  failedPipelineRun,
  ordersPipeline,
  pipelineJobsResponse,
} from './__testUtils__/pipelineFixtures';
import { runsPage } from './__testUtils__/jobFixtures';
import { renderServicesContent } from './__testUtils__/renderServicesContent';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

function pipelineApi(list: object = pipelineJobsResponse) {
  const api = fakeApi(Promise.resolve(response));
  api.listJobs.mockResolvedValue(list as never);
  api.listJobRuns.mockResolvedValue(runsPage);
  return api;
}

async function findGrid() {
  return screen.findByRole('table', {
    name: 'Steps of import (rows) in its last 2 pipeline runs (columns, newest last)',
  });
}

describe('ServicesContent pipelines', () => {
  it('shows the grid: steps as rows, pipeline runs as columns, each cell in words', async () => {
    await renderServicesContent(pipelineApi());
    const grid = await findGrid();
    expect(
      screen.getByRole('heading', {
        name: 'Pipeline import on host local',
        level: 3,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('import → clean → report')).toBeInTheDocument();
    expect(screen.getByTestId('pipeline-summary')).toHaveTextContent(
      /^Last pipeline run: failed at report \(code 3\) after import and clean succeeded, 2 hours ago/,
    );
    const heads = within(grid).getAllByRole('columnheader');
    expect(heads.map(h => h.textContent)).toEqual([
      'Step',
      expect.stringMatching(/^Run 1/),
      expect.stringMatching(/^Run 2/),
    ]);
    const rows = within(grid).getAllByTestId('pipeline-step');
    expect(
      rows.map(row =>
        within(row)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ),
    ).toEqual([
      ['1. import', 'succeeded', 'succeeded'],
      ['2. clean', 'succeeded', 'succeeded'],
      ['3. report', 'succeeded', 'failed'],
    ]);
  });

  it("opens a step's run log from its cell", async () => {
    const api = pipelineApi();
    api.streamJobRunLogs.mockImplementation(async function* empty() {
      yield* [];
    });
    await renderServicesContent(api);
    await findGrid();
    const cell = screen.getByRole('button', {
      name: /^failed: log of report in pipeline run 2 \(failed after 4 min with code 3 .* · took 4 min\)$/,
    });
    await userEvent.click(cell);
    await waitFor(() =>
      expect(api.streamJobRunLogs).toHaveBeenCalledWith(
        expect.objectContaining({ runId: 203, id: '3'.repeat(64) }),
        expect.anything(),
        expect.anything(),
      ),
    );
    expect(
      await screen.findByRole('heading', { name: 'Log of run 203 of report' }),
    ).toBeInTheDocument();
  });

  it('runs the pipeline again from the failed step with a reason', async () => {
    const api = pipelineApi();
    api.runPipelineAgain.mockResolvedValue({
      message: 'Running the pipeline import again from report.',
      run: { ...failedPipelineRun, status: 'running' },
    });
    await renderServicesContent(api);
    await findGrid();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Run again from a step… (pipeline run 2 of import)',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'report runs again, one after the other, in this pipeline run (its column in the grid). import, clean keep their runs.',
    );
    expect(within(dialog).getByLabelText('Run again from')).toHaveValue(
      'report',
    );
    fireEvent.change(within(dialog).getByRole('textbox'), {
      target: { value: 'rates are in' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run again from report' }),
    );
    await waitFor(() =>
      expect(api.runPipelineAgain).toHaveBeenCalledWith({
        entityRef: {
          kind: 'Component',
          namespace: 'default',
          name: 'shop-web',
        },
        host: 'local',
        pipeline: 'import',
        runId: 2,
        step: 'report',
        reason: 'rates are in',
      }),
    );
  });

  it('tells a reader why they cannot run it again, and why a later step has no Run now', async () => {
    await renderServicesContent(pipelineApi(), {
      permissions: allowOnly('read', 'logs'),
      config: permissionsOn,
    });
    await findGrid();
    // Backstage's usePermission keeps answers in one SWR cache for the
    // whole file: the owner's "allow" of an earlier test may be drawn first
    // and replaced once the policy answers again. The button is read afresh
    // each time: the card may be drawn again meanwhile.
    const runAgain = () =>
      screen.getByRole('button', {
        name: 'Run again from a step… (pipeline run 2 of import)',
      });
    await waitFor(() => expect(runAgain()).toBeDisabled(), {
      timeout: 10_000,
    });
    const again = runAgain();
    expect(again).toHaveAccessibleDescription(
      'Only the owners of shop-web (team-shop) or an administrator may run its jobs. Ask them.',
    );
    const runReport = screen.getByRole('button', { name: 'Run now: report' });
    expect(runReport).toBeDisabled();
    expect(
      screen.getAllByText(
        'report runs in the pipeline import after clean: run the pipeline, or run it again from this step.',
      ).length,
    ).toBeGreaterThan(0);
  });

  it('says why a pipeline does not run, and shows no grid', async () => {
    await renderServicesContent(
      pipelineApi({
        ...pipelineJobsResponse,
        pipelines: [
          {
            ...ordersPipeline,
            runs: [],
            problem:
              'This pipeline does not run: its steps wait for each other in a circle (clean, report).',
          },
        ],
      }),
    );
    expect(await screen.findByTestId('pipeline-problem')).toHaveTextContent(
      'This pipeline does not run: its steps wait for each other in a circle (clean, report).',
    );
    expect(
      screen.queryByRole('table', { name: /^Steps of import/ }),
    ).toBeNull();
  });
});
