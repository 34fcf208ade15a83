import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  ContainerSummary,
  LogStreamEvent,
} from '@docker-services/backstage-plugin-docker-services-common';
import { screen, waitFor } from '@testing-library/react';
import {
  DockerServicesApi,
  dockerServicesApiRef,
} from '../../api/DockerServicesApi';
import { LogsDrawer } from './LogsDrawer';
import { containerLogSubject } from './logSubject';

const container: ContainerSummary = {
  host: 'local',
  id: 'b'.repeat(64),
  name: 'worker-1',
  image: 'worker:1',
  state: 'running',
  status: 'Up',
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: '2026-01-01T00:00:00Z',
  ports: [],
};
const target = {
  entityRef: { kind: 'component', namespace: 'default', name: 'worker' },
  host: 'local',
  id: container.id,
};

const line = (
  time: string,
  text: string,
  stream: 'stdout' | 'stderr' = 'stdout',
) => ({ stream, time, line: text } as LogStreamEvent);

// Rendering the drawer and its reconnection take far more than jest's
// default 5 s on a busy machine with a cold jest cache.
jest.setTimeout(120_000);

describe('LogsDrawer', () => {
  it('follows live, and after a dropped stream resumes without repeating lines', async () => {
    const calls: any[] = [];
    const responses: LogStreamEvent[][] = [
      // First connection: two lines, then the stream drops (no end event).
      [
        { event: 'notice', message: 'Showing at most the last 10000 lines.' },
        line('2026-01-01T00:00:01Z', 'job 1'),
        line(
          '2026-01-01T00:00:02.5Z',
          'job 2 <script>alert(1)</script>',
          'stderr',
        ),
      ],
      // Reconnect from the last time: Docker repeats that line, then new ones.
      [
        line(
          '2026-01-01T00:00:02.5Z',
          'job 2 <script>alert(1)</script>',
          'stderr',
        ),
        line('2026-01-01T00:00:03Z', 'job 3'),
        { event: 'end', message: 'The container stopped; its log ends here.' },
      ],
    ];
    const api: Partial<DockerServicesApi> = {
      streamLogs: async function* streamLogs(_t, query) {
        calls.push(query);
        for (const event of responses[calls.length - 1] ?? []) yield event;
      },
    };
    await renderInTestApp(
      <LogsDrawer
        source={{ kind: 'container', target }}
        subject={containerLogSubject(container)}
        onClose={() => {}}
      />,
      { apis: [[dockerServicesApiRef, api as DockerServicesApi]] },
    );

    // The drawer waits 500 ms before it reconnects; on a busy machine
    // rendering takes longer than that, so wait for the page, not a clock.
    await waitFor(() =>
      expect(screen.getByTestId('log-status')).toHaveTextContent('Complete'),
    );
    expect(calls).toEqual([
      { timestamps: true, follow: true, tail: 500, since: undefined },
      { timestamps: true, follow: true, since: '2026-01-01T00:00:02.5Z' },
    ]);
    // job 2 came twice from Docker and is shown once. (LogViewer renders
    // nothing in jsdom, which has no layout; the e2e tests read its lines.)
    expect(screen.getByTestId('log-line-count')).toHaveTextContent(
      '3 lines (1 on stderr, marked [stderr])',
    );
    expect(
      screen.getByText('The container stopped; its log ends here.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('log-notice')).toHaveTextContent(
      'Showing at most the last 10000 lines.',
    );
  });
});

describe('LogsDrawer of a Swarm service', () => {
  it("reads the service's log and keeps the same line written by two tasks at once", async () => {
    const task = (slot: number) => ({
      id: String(slot).repeat(25),
      slot,
      node: `node-${slot}`,
    });
    const streamSwarmServiceLogs = jest.fn(async function* stream() {
      for (const slot of [1, 2]) {
        yield {
          stream: 'stdout',
          time: '2026-01-01T00:00:01Z',
          line: 'ready',
          task: task(slot),
        } as LogStreamEvent;
      }
      yield { event: 'end', message: 'The service has no running task.' };
    });
    const service = {
      entityRef: target.entityRef,
      host: 'swarm-01',
      id: 'k3j2h4g5f6d7s8a9q0w1e2r3t',
    };
    await renderInTestApp(
      <LogsDrawer
        source={{ kind: 'service', target: service }}
        subject={{
          title: 'Logs of shop-api (all its tasks)',
          fileBase: 'shop-api',
          running: false,
          lastStart: { label: 'Since it last changed' },
          serviceName: 'shop-api',
        }}
        onClose={() => {}}
      />,
      {
        apis: [
          [
            dockerServicesApiRef,
            { streamSwarmServiceLogs } as unknown as DockerServicesApi,
          ],
        ],
      },
    );
    await waitFor(() =>
      expect(screen.getByTestId('log-status')).toHaveTextContent('Complete'),
    );
    expect(screen.getByTestId('log-line-count')).toHaveTextContent(
      '2 lines (0 on stderr, marked [stderr]); each starts with the task and node that wrote it, such as shop-api.1@node-1',
    );
    expect(streamSwarmServiceLogs).toHaveBeenCalledWith(
      service,
      { timestamps: true, follow: false, tail: 500, since: undefined },
      expect.any(AbortSignal),
    );
  });
});
