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
import { lastErrorLine } from './lastErrorLine';
import { whyQuestion } from './whyQuestion';
import { formatDateTime } from '../time/Ago';
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
    { stream: 'stderr', line: 'GET /health 200' },
  ],
  linesUntil: '2026-01-01T03:00:00Z',
  startedAt: '2026-01-01T01:00:00.123456789Z',
  finishedAt: '2026-01-01T03:00:00.5Z',
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
    // It leads with the last line of its log that names an error (a
    // health check's line on stderr after it names none).
    const lead = within(dialog).getByTestId('diagnosis-last-error');
    expect(lead).toHaveTextContent(
      'The last error in its log:<b>out of memory</b>',
    );
    expect(
      lead.compareDocumentPosition(
        within(dialog).getByTestId('diagnosis-summary'),
      ) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
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
      '[stdout]allocating cache[stderr]<b>out of memory</b>[stderr]GET /health 200',
    );
    expect(lines.querySelector('b')).toBeNull();
    // Its times in words, then Docker's terms last.
    expect(within(dialog).getByTestId('diagnosis-times')).toHaveTextContent(
      `It started ${formatDateTime(
        '2026-01-01T01:00:00Z',
      )} and stopped ${formatDateTime('2026-01-01T03:00:00Z')}, after 2 hours.`,
    );
    const terms = within(dialog).getByTestId('diagnosis-docker-terms');
    expect(
      within(dialog).getByTestId('diagnosis-times').nextElementSibling,
    ).toBe(terms);
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
    // Stopped from the portal: who and why lead, no error line.
    expect(screen.queryByTestId('diagnosis-last-error')).toBeNull();
  });

  it('leads with no line when none names an error, and says only the times it has', async () => {
    await renderDialog({
      ...oomKilled,
      lastLines: [
        { stream: 'stderr', line: 'listening on :8080' },
        { stream: 'stdout', line: 'GET / 200' },
      ],
      finishedAt: undefined,
    });
    expect(await screen.findByTestId('diagnosis-summary')).toBeVisible();
    expect(screen.queryByTestId('diagnosis-last-error')).toBeNull();
    expect(screen.getByTestId('diagnosis-times')).toHaveTextContent(
      `It started ${formatDateTime('2026-01-01T01:00:00Z')}.`,
    );
  });
});

describe('lastErrorLine', () => {
  it('finds the last line naming an error, by its words, not by its stream', () => {
    const line = (text: string, stream: 'stdout' | 'stderr' = 'stderr') => ({
      stream,
      line: text,
    });
    expect(
      lastErrorLine([
        line('ERROR cannot reach the database', 'stdout'),
        line('ValueError: bad config'),
        line('health check: GET /health 200'),
      ]),
    ).toEqual(line('ValueError: bad config'));
    expect(
      lastErrorLine([
        line('\u001b[31mlevel=fatal\u001b[0m msg=boom', 'stdout'),
      ]),
    ).toBeDefined();
    expect(
      lastErrorLine([line('starting'), line('errors=0 terrorist=no')]),
    ).toBeUndefined();
    expect(lastErrorLine([])).toBeUndefined();
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
