import { renderInTestApp } from '@backstage/frontend-test-utils';
import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';
import { screen, within } from '@testing-library/react';
import {
  DockerServicesApi,
  dockerServicesApiRef,
} from '../../api/DockerServicesApi';
import {
  allowOnly,
  entityNamed,
  fastUser,
  mountedRoutes,
  permissionsOn,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import { jobWith, reportJob } from '../__testUtils__/jobFixtures';
import { AskContextProvider } from '../askOwners/AskContext';
import { JobButtons } from './JobButtons';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('JobButtons', () => {
  it('says beside the buttons, in text, why each disabled one is disabled', async () => {
    await renderInTestApp(
      <JobButtons
        job={reportJob}
        reason={button =>
          button === 'run'
            ? 'report-1 is already running.'
            : 'Schedules are off on host local in the portal’s configuration.'
        }
        onRequest={() => {}}
      />,
    );
    const run = screen.getByRole('button', { name: /Run now/ });
    expect(run).toBeDisabled();
    // Visible text, not only a tooltip; and the button's description.
    expect(screen.getByText('report-1 is already running.')).toBeVisible();
    expect(run).toHaveAccessibleDescription('report-1 is already running.');
    expect(
      screen.getByRole('button', { name: /Schedule/ }),
    ).toHaveAccessibleDescription(
      'Schedules are off on host local in the portal’s configuration.',
    );
  });

  it('says a reason both buttons share once', async () => {
    const why =
      'Only the owners of shop-web (team-shop) or an administrator may run its jobs. Ask them.';
    await renderInTestApp(
      <JobButtons job={reportJob} reason={() => why} onRequest={() => {}} />,
    );
    expect(screen.getAllByTestId('job-button-reason')).toHaveLength(1);
    expect(
      screen.getByRole('button', { name: /Schedule/ }),
    ).toHaveAccessibleDescription(why);
  });
});

describe('asking the owners to run a job', () => {
  const why =
    'Only the owners of shop-web (Shop team) or an administrator may run its jobs. Ask them.';
  const BOB = 'user:default/bob';

  // usePermission caches decisions per entity ref: one entity per test.
  async function renderAsReader(options: {
    entityName: string;
    job?: typeof reportJob;
    history?: HistoryEntry[];
  }) {
    const askOwners = jest.fn(async () => ({
      action: 'start' as const,
      owners: ['group:default/team-shop'],
      message: 'The owners of shop-web were asked to start demo-data-report-1.',
      askAgainAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    }));
    const onAsked = jest.fn();
    await renderInTestApp(
      <AskContextProvider
        value={{
          entity: entityNamed(options.entityName),
          history: options.history ?? [],
          userRef: BOB,
          owners: [{ ref: 'group:default/team-shop', title: 'Shop team' }],
          onAsked,
        }}
      >
        <JobButtons
          job={options.job ?? reportJob}
          reason={() => why}
          onRequest={() => {}}
        />
      </AskContextProvider>,
      {
        apis: [
          [dockerServicesApiRef, { askOwners } as unknown as DockerServicesApi],
          allowOnly('logs') as any,
        ],
        mountedRoutes,
        config: permissionsOn,
      },
    );
    return { askOwners, onAsked };
  }

  it('offers a non-owner to ask the owners to run it, beside the reason, and sends a start of its container', async () => {
    const user = fastUser();
    const { askOwners, onAsked } = await renderAsReader({
      entityName: 'job-ask',
    });
    expect(screen.getByTestId('job-button-reason')).toHaveTextContent(why);
    await user.click(
      await screen.findByRole('button', {
        name: 'Ask the owners to run demo-data-report-1',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Ask the owners to run demo-data-report-1',
    });
    expect(dialog).toHaveTextContent(/Shop team get a notification/);
    await user.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'the report is needed today',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Send to the owners' }),
    );
    expect(askOwners).toHaveBeenCalledWith({
      entityRef: { kind: 'Component', namespace: 'default', name: 'job-ask' },
      host: 'local',
      id: 'c'.repeat(64),
      action: 'start',
      reason: 'the report is needed today',
    });
    expect(onAsked).toHaveBeenCalledWith(
      'The owners of shop-web were asked to start demo-data-report-1.',
    );
  });

  it('says "You asked … ago" instead while the backend would refuse another ask', async () => {
    const now = Date.now();
    await renderAsReader({
      entityName: 'job-asked',
      history: [
        {
          id: 3,
          entityRef: 'component:default/job-asked',
          actor: BOB,
          action: 'start',
          host: 'local',
          containerId: 'c'.repeat(64),
          containerName: 'demo-data-report-1',
          outcome: 'asked',
          changed: false,
          createdAt: new Date(now - 2 * 60_000).toISOString(),
          askAgainAt: new Date(now + 3 * 60_000).toISOString(),
        },
      ],
    });
    expect(await screen.findByTestId('you-asked')).toHaveTextContent(
      'You asked the owners to run it 2 minutes ago. You can ask again in 3 minutes.',
    );
    expect(
      screen.queryByRole('button', { name: /Ask the owners/ }),
    ).not.toBeInTheDocument();
  });

  it('offers nothing to ask while the job runs', async () => {
    await renderAsReader({
      entityName: 'job-running',
      job: jobWith({ running: true, state: 'running' }),
    });
    expect(
      await screen.findByRole('button', { name: /Run now/ }),
    ).toBeDisabled();
    expect(
      screen.queryByRole('button', { name: /Ask the owners/ }),
    ).not.toBeInTheDocument();
  });
});
