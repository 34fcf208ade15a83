import { TEST_REQUEST_TIMEOUT_MS } from '../__testUtils__/testBackend';
import { mockServices } from '@backstage/backend-test-utils';
import {
  createTestContainer,
  removeTestContainers,
  uniqueRunId,
} from '../__testUtils__/dockerFixtures';
import {
  callsOutsideAllowList,
  containerCalls,
  RecordingProxy,
  startRecordingProxy,
} from '../__testUtils__/recordingProxy';
import {
  AnnotatedEntity,
  ContainerBindings,
} from '../binding/ContainerBindings';
import { DockerodeHost } from '../docker/DockerodeHost';
import { ContainerEventWatcher } from '../events/ContainerEventWatcher';
import { ContainerIndex } from './ContainerIndex';

// The index over the real engine, through the recording proxy: it learns of
// changes made outside the portal from the events, and after its events
// stream was cut, a reconcile brings it back in line, including a binding
// that went away without any Docker event.

const runId = uniqueRunId('index');
const SHOP = { 'docker-services.entity': 'component:default/index-shop' };
let proxy: RecordingProxy;
let index: ContainerIndex;
let watcher: ContainerEventWatcher;
/** What the catalog says today, for the host that trusts its annotations. */
let annotated: AnnotatedEntity[] = [];
/** How the stream went up and down, in order. */
const stream: string[] = [];

/** Waits for `condition`, at most 30 s: no figure about speed is asserted. */
async function eventually(condition: () => boolean, what: string) {
  for (let i = 0; i < 300 && !condition(); i++) {
    await new Promise(r => setTimeout(r, 100));
  }
  if (!condition()) throw new Error(`Timed out waiting for ${what}`);
}

beforeAll(async () => {
  proxy = await startRecordingProxy();
  const host = DockerodeHost.create({
    name: 'local',
    protocol: 'http',
    host: '127.0.0.1',
    port: Number(new URL(proxy.url).port),
    requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
    trustCatalogAnnotations: true,
  });
  const logger = mockServices.logger.mock();
  index = ContainerIndex.create({
    hosts: [host],
    bindings: ContainerBindings.create({
      rules: [],
      trustingHosts: ['local'],
      annotatedEntities: async () => annotated,
    }),
    logger,
    // Only the stream coming back reconciles in this suite.
    reconcileIntervalMs: 3_600_000,
  });
  watcher = new ContainerEventWatcher({
    hosts: [host],
    onEvent: async event => void index.onEvent(event),
    onConnect: name => {
      stream.push('up');
      void index.onStreamUp(name);
    },
    onDisconnect: name => {
      stream.push('down');
      index.onStreamDown(name);
    },
    onResync: name => void index.onResync(name),
    logger,
    retryDelaysMs: [500],
  });
  await index.start();
  watcher.start();
  await eventually(() => index.view('local')!.live, 'a live index');
});

afterAll(async () => {
  await watcher?.stop();
  await index?.stop();
  await removeTestContainers(runId);
  await proxy?.close();
});

it('knows of a container created, started, stopped and removed outside the portal', async () => {
  const container = await createTestContainer({
    runId,
    name: 'shop',
    labels: SHOP,
    start: false,
    stopSignal: 'SIGKILL',
  });
  const state = () =>
    index.find('local', container.id)?.inspected?.State.Status;
  await eventually(() => state() === 'created', 'the created container');

  await container.start();
  await eventually(() => state() === 'running', 'the started container');
  expect(
    index.find('local', container.id)!.inspected!.State.StartedAt,
  ).not.toMatch(/^0001/);

  await container.stop();
  await eventually(() => state() === 'exited', 'the stopped container');
  expect(index.find('local', container.id)!.inspected!.State.ExitCode).toBe(
    137,
  );

  await container.remove();
  await eventually(() => !index.find('local', container.id), 'the removal');
  expect(index.view('local')!.live).toBe(true);
});

it('reconciles after its events stream was cut, and drops a container that lost its binding', async () => {
  annotated = [
    {
      entityRef: 'component:default/index-annotated',
      selector: { labels: { 'docker-services.test-app': runId } },
    },
  ];
  const claimed = await createTestContainer({
    runId,
    name: 'claimed',
    labels: { 'docker-services.test-app': runId },
    start: false,
  });
  await eventually(
    () => !!index.find('local', claimed.id),
    'the claimed container',
  );

  // The catalog no longer claims it: no Docker event says so.
  annotated = [];
  const listsBefore = proxy.calls.filter(
    c => c === 'GET /containers/json',
  ).length;
  expect(proxy.cutOpenRequests(/^GET \/events$/)).toBe(1);
  await eventually(() => stream.includes('down'), 'the stream to break');
  await eventually(() => stream.at(-1) === 'up', 'the stream to come back');
  await eventually(() => index.view('local')!.live, 'a live index again');

  expect(stream).toEqual(['up', 'down', 'up']);
  expect(index.find('local', claimed.id)).toBeUndefined();
  expect(
    proxy.calls.filter(c => c === 'GET /containers/json').length,
  ).toBeGreaterThan(listsBefore);
});

it('asks the engine only for labelled lists, inspects and events', () => {
  expect(callsOutsideAllowList(proxy.calls)).toEqual([]);
  const kinds = new Set(
    containerCalls(proxy.calls).map(c => c.replace(/[0-9a-f]{64}/, ':id')),
  );
  expect([...kinds].sort()).toEqual([
    'GET /containers/:id/json',
    'GET /containers/json',
  ]);
});
