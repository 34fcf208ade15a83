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
import {
  sharedNamePrefix,
  shortContainerName,
  tagColour,
} from './containerTag';
import { formatLogLine } from './formatLogLine';
import { LogsDrawer } from './LogsDrawer';
import { entityLogSubject } from './logSubject';

const ESC = '\u001b';
const replica = (n: number, state = 'running'): ContainerSummary =>
  ({
    host: 'local',
    id: String(n).repeat(64),
    name: `demo-shop-web-${n}`,
    image: 'web:1',
    state,
    status: 'Up',
    createdAt: `2026-01-01T00:0${n}:00Z`,
    startedAt: `2026-01-01T00:0${n}:00Z`,
    ports: [],
    compose: { project: 'demo-shop', service: 'web', number: n },
  } as ContainerSummary);
const line = (n: number, time: string, text: string): LogStreamEvent => ({
  stream: 'stdout',
  time,
  line: text,
  container: { name: `demo-shop-web-${n}`, host: 'local' },
});

jest.setTimeout(120_000);

describe('the merged log of an entity’s containers', () => {
  it('tags each line with a stripe in the container’s colour and its short name', () => {
    const formatted = formatLogLine(
      line(2, '2026-01-01T00:00:01Z', 'ready') as any,
      false,
      undefined,
      'demo-shop-',
    );
    const colour = tagColour('demo-shop-web-2');
    expect(formatted).toContain(`${ESC}[${colour}m▌web-2`);
    expect(formatted).toMatch(/web-2.* ready$/);
    // The same name, the same colour; never red, which marks errors.
    expect(tagColour('demo-shop-web-2')).toBe(colour);
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(tagColour)).not.toContain(
      31,
    );
  });

  it('names containers by what their Compose project leaves', () => {
    expect(sharedNamePrefix([replica(1), replica(2)])).toBe('demo-shop-');
    expect(
      sharedNamePrefix([replica(1), { ...replica(2), compose: undefined }]),
    ).toBe('');
    expect(shortContainerName('demo-shop-web-1', 'demo-shop-')).toBe('web-1');
    expect(shortContainerName('other', 'demo-shop-')).toBe('other');
  });

  it('says whose log it is, and downloads under the entity’s name', () => {
    const subject = entityLogSubject('shop', 'local', [
      replica(1),
      replica(2, 'exited'),
    ]);
    expect(subject).toMatchObject({
      title: 'Logs of all 2 containers of shop on host local',
      fileBase: 'shop_all-containers',
      running: true,
      lastStart: { since: '2026-01-01T00:01:00Z' },
    });
  });

  it('reads the entity’s merged stream, and keeps a line that came late', async () => {
    const streamEntityLogs = jest.fn(async function* stream() {
      yield line(1, '2026-01-01T00:00:02Z', 'second');
      // Older than the line before: another container's, which came late.
      yield line(2, '2026-01-01T00:00:01Z', 'first');
      yield { event: 'end', message: 'End of the log.' } as LogStreamEvent;
    });
    const target = {
      entityRef: { kind: 'component', namespace: 'default', name: 'shop' },
      host: 'local',
    };
    await renderInTestApp(
      <LogsDrawer
        source={{ kind: 'entity', target }}
        subject={entityLogSubject('shop', 'local', [
          replica(1, 'exited'),
          replica(2, 'exited'),
        ])}
        onClose={() => {}}
      />,
      {
        apis: [
          [
            dockerServicesApiRef,
            { streamEntityLogs } as unknown as DockerServicesApi,
          ],
        ],
      },
    );
    await waitFor(() =>
      expect(screen.getByTestId('log-status')).toHaveTextContent('Complete'),
    );
    expect(screen.getByTestId('log-line-count')).toHaveTextContent(
      '2 lines (0 on stderr, marked [stderr]); each starts with a coloured mark and the name of the container that wrote it, such as web-1',
    );
    expect(streamEntityLogs).toHaveBeenCalledWith(
      target,
      { timestamps: true, follow: false, tail: 500, since: undefined },
      expect.any(AbortSignal),
    );
  });
});
