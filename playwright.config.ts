import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { backendURL, e2ePorts } from './packages/app/e2e-tests/backends';

/**
 * End-to-end tests: real Chromium (Debian's, never a downloaded one) against
 * the real app, served by real backends that talk to the real Docker engine.
 * One backend per demo user (alice owns shop-web, bob does not, carol is an
 * admin), since the guest sign-in is one user per backend; their ports are
 * in packages/app/e2e-tests/backends.ts.
 * scripts/test builds the app and the demo containers first.
 */
const ports = e2ePorts();
const users = {
  owner: { user: 'user:default/alice', port: ports.owner }, // team-shop
  nonOwner: { user: 'user:default/bob', port: ports.nonOwner }, // team-data
  admin: { user: 'user:default/carol', port: ports.admin }, // admins
};

/**
 * The backends share one notifications store (a SQLite folder, see
 * e2e/app-config.e2e.yaml): what bob's backend sends, alice reads on hers.
 * Only creating it must not happen twice at once (the loser of knex's
 * migration lock fails to start); once it exists, backends starting
 * together just wait for each other. Playwright starts the webServer
 * entries one after another, each once the previous one is ready (its
 * plugins started, their migrations done), so the first one, the owner's,
 * empties the folder and creates the store alone.
 */
const sharedDataDir = path.resolve(
  __dirname,
  `test-results/e2e-data/${ports.owner}-shared`,
);

/**
 * The owner backend also reads a second Docker host, the shared second
 * engine (scripts/second-engine; scripts/test starts it and exports its
 * socket), which engineRestart.test.ts kills and restarts. Configured hosts
 * ignore DOCKER_HOST, so "local" names the machine's engine's socket:
 * DOCKER_HOST's when it is a unix socket. With a DOCKER_HOST that is not,
 * the owner backend has no second host and that spec is skipped.
 */
const dockerHost = process.env.DOCKER_HOST;
const localDockerSocket = !dockerHost
  ? '/var/run/docker.sock'
  : dockerHost.startsWith('unix://')
  ? dockerHost.slice('unix://'.length)
  : undefined;
const engine2Socket =
  process.env.DOCKER_SERVICES_TEST_ENGINE2 ??
  '/var/lib/docker-services-engine2/docker.sock';
const withEngine2 = localDockerSocket !== undefined;
process.env.E2E_ENGINE2 = withEngine2 ? engine2Socket : '';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function backend(
  { user, port }: { user: string; port: number },
  options: {
    extraConfig?: string[];
    extraEnv?: Record<string, string>;
    /** Empties the shared folder too: only the backend started first. */
    createsSharedData?: boolean;
  } = {},
) {
  const dataDir = path.resolve(__dirname, `test-results/e2e-data/${port}`);
  const freshDirs = options.createsSharedData
    ? [dataDir, sharedDataDir]
    : [dataDir];
  const configs = [
    'app-config.yaml',
    'app-config.demo.yaml',
    'e2e/app-config.e2e.yaml',
    ...(options.extraConfig ?? []),
  ];
  return {
    command: `rm -rf ${freshDirs.join(' ')} && mkdir -p ${freshDirs.join(
      ' ',
    )} && yarn workspace backend start ${configs
      .map(c => `--config ../../${c}`)
      .join(' ')}`,
    url: `http://127.0.0.1:${port}/.backstage/health/v1/readiness`,
    env: {
      E2E_PORT: String(port),
      E2E_DATA_DIR: dataDir,
      E2E_SHARED_DATA_DIR: sharedDataDir,
      E2E_USER: user,
      ...options.extraEnv,
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
}

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  globalSetup: require.resolve('./e2e/globalSetup'),
  timeout: 90_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [
    {
      name: 'owner',
      testMatch:
        /(servicesTab|owner|logs|liveState|engineRestart|dockerPage|accessibility|keyboard|swarm|layout|pipelines|statusAtAGlance|liveCharts|mergedLogs)\.test\.ts/,
      use: { baseURL: backendURL('owner') },
    },
    {
      name: 'non-owner',
      testMatch:
        /(nonOwner|claims|dockerPageNonOwner|accessibilityNonOwner|swarmNonOwner|jobsNonOwner)\.test\.ts/,
      use: { baseURL: backendURL('nonOwner') },
    },
    {
      name: 'admin',
      testMatch: /\w+Admin\.test\.ts/,
      use: { baseURL: backendURL('admin') },
    },
    {
      // Tests that sign in on several backends, each in a browser context
      // of its own, open with the baseURL they need.
      name: 'across users',
      testMatch: /askOwners\.test\.ts/,
    },
  ],
  webServer: [
    backend(users.owner, {
      createsSharedData: true,
      ...(withEngine2 && {
        extraConfig: ['e2e/app-config.e2e-engine2.yaml'],
        extraEnv: {
          E2E_LOCAL_DOCKER_SOCKET: localDockerSocket,
          E2E_ENGINE2_SOCKET: engine2Socket,
        },
      }),
    }),
    backend(users.nonOwner),
    backend(users.admin),
  ],
});
