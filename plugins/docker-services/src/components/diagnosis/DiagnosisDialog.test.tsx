import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ContainerDiagnosis } from '@docker-services/backstage-plugin-docker-services-common';
import { screen, within } from '@testing-library/react';
import {
  DockerServicesApi,
  dockerServicesApiRef,
} from '../../api/DockerServicesApi';
import {
  fastUser,
  mountedRoutes,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import { DiagnosisDialog } from './DiagnosisDialog';
import { whyQuestion } from './whyQuestion';
import { containerWith } from '../__testUtils__/servicesFixtures';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

const target = {
  entityRef: { kind: 'Component', namespace: 'default', name: 'shop-web' },
  host: 'local',
  id: 'a'.repeat(64),
};

const oomKilled: ContainerDiagnosis = {
  host: 'local',
  id: 'a'.repeat(64),
  name: 'shop-web-1',
  state: 'exited',
  summary:
    'It stopped by itself or was stopped outside the portal: killed because it ran out of memory.',
  dockerTerms: 'State exited, ExitCode 137 (SIGKILL), OOMKilled true.',
  exit: {
    code: 137,
    signal: 'SIGKILL',
    oomKilled: true,
    meaning: 'killed because it ran out of memory',
    finishedAt: '2026-01-01T03:00:00Z',
  },
  stoppedBy: { kind: 'outside' },
  health: {
    status: 'unhealthy',
    checks: [
      {
        start: '2026-01-01T02:59:50Z',
        end: '2026-01-01T02:59:51Z',
        exitCode: 1,
        output: 'connection refused\n',
      },
    ],
  },
  lastLines: [
    { stream: 'stdout', line: 'allocating cache' },
    { stream: 'stderr', line: '<b>out of memory</b>' },
  ],
  linesUntil: '2026-01-01T03:00:00Z',
};

async function renderDialog(diagnosis: ContainerDiagnosis) {
  const getDiagnosis = jest.fn(async () => diagnosis);
  const onOpenLogsAt = jest.fn();
  await renderInTestApp(
    <DiagnosisDialog
      target={target}
      containerName="shop-web-1"
      question="Why did it stop?"
      onOpenLogsAt={onOpenLogsAt}
      onClose={() => {}}
    />,
    {
      apis: [
        [
          dockerServicesApiRef,
          { getDiagnosis } as unknown as DockerServicesApi,
        ],
      ],
      mountedRoutes,
    },
  );
  return { getDiagnosis, onOpenLogsAt };
}

describe('DiagnosisDialog', () => {
  it('says why it stopped in plain words first, with its last lines, and Docker terms last', async () => {
    const user = fastUser();
    const { getDiagnosis, onOpenLogsAt } = await renderDialog(oomKilled);
    const dialog = await screen.findByRole('dialog', {
      name: 'shop-web-1: Why did it stop?',
    });
    expect(
      await within(dialog).findByTestId('diagnosis-summary'),
    ).toHaveTextContent(/killed because it ran out of memory/);
    expect(
      within(dialog).getByTestId('diagnosis-stopped-by'),
    ).toHaveTextContent(/^Stopped outside the portal/);
    expect(within(dialog).getByTestId('diagnosis-health')).toHaveTextContent(
      'failed (exit code 1) — connection refused',
    );
    // Which stream a line came from is written, not only coloured; the
    // lines are text, not HTML.
    const lines = within(dialog).getByTestId('diagnosis-lines');
    expect(lines).toHaveTextContent(
      '[stdout]allocating cache[stderr]<b>out of memory</b>',
    );
    expect(lines.querySelector('b')).toBeNull();
    // Docker's terms come after the plain words.
    const terms = within(dialog).getByTestId('diagnosis-docker-terms');
    expect(terms).toHaveTextContent(
      "In Docker's terms: State exited, ExitCode 137 (SIGKILL), OOMKilled true.",
    );
    expect(
      within(dialog)
        .getByTestId('diagnosis-summary')
        .compareDocumentPosition(terms) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(getDiagnosis).toHaveBeenCalledWith(target);

    await user.click(
      within(dialog).getByRole('button', {
        name: 'Open the logs at this moment',
      }),
    );
    expect(onOpenLogsAt).toHaveBeenCalledWith('2026-01-01T03:00:00Z');
  });

  it('names who stopped it from the portal and why, and a restart loop as such', async () => {
    await renderDialog({
      ...oomKilled,
      summary: 'It stopped: alice ran stop from the portal.',
      exit: { code: 143, signal: 'SIGTERM', oomKilled: false, meaning: 'x' },
      stoppedBy: {
        kind: 'portal',
        actor: 'user:default/alice',
        action: 'stop',
        at: new Date(Date.now() - 5 * 60_000).toISOString(),
        reason: 'maintenance window',
      },
      restartLoop: {
        restartCount: 7,
        message: 'Docker restarted it 7 times in the last 10 minutes.',
      },
      health: undefined,
      lastLines: [],
      linesError: 'Docker could not read its log.',
    });
    const stoppedBy = await screen.findByTestId('diagnosis-stopped-by');
    expect(stoppedBy).toHaveTextContent(
      'Stopped from the portal by alice, who ran stop 5 minutes ago (reason: “maintenance window”).',
    );
    expect(screen.getByTestId('diagnosis-restart-loop')).toHaveTextContent(
      'Docker restarted it 7 times in the last 10 minutes.',
    );
    expect(
      screen.getByText('Docker could not read its log.'),
    ).toBeInTheDocument();
  });
});

describe('whyQuestion', () => {
  it('asks about stopped, dead, restarting and unhealthy containers only', () => {
    expect(whyQuestion(containerWith({ state: 'exited' }))).toBe(
      'Why did it stop?',
    );
    expect(whyQuestion(containerWith({ state: 'dead' }))).toBe(
      'Why did it die?',
    );
    expect(whyQuestion(containerWith({ state: 'restarting' }))).toBe(
      'Why does it keep restarting?',
    );
    expect(
      whyQuestion(containerWith({ state: 'running', health: 'unhealthy' })),
    ).toBe('Why is it unhealthy?');
    expect(
      whyQuestion(containerWith({ state: 'running', health: 'healthy' })),
    ).toBe(undefined);
    expect(whyQuestion(containerWith({ state: 'created' }))).toBe(undefined);
  });
});
