import { defineConfig } from '@playwright/test';
import path from 'node:path';

/**
 * End-to-end tests: real Chromium (Debian's, never a downloaded one) against
 * the real app, served by real backends that talk to the real Docker engine.
 * One backend per demo user (alice owns shop-web, bob does not, carol is an
 * admin), since the guest sign-in is one user per backend.
 * scripts/test builds the app and the demo containers first.
 */
const [ownerPort, nonOwnerPort, adminPort] = (
  process.env.E2E_PORTS ?? '7117,7118,7119'
)
  .split(',')
  .map(Number);
if (!ownerPort || !nonOwnerPort || !adminPort) {
  throw new Error(
    'E2E_PORTS must be three ports, owner, non-owner, admin: "7117,7118,7119"',
  );
}
// E2E_PORTS lets a second checkout run its e2e beside a running suite.
process.env.E2E_PORTS = `${ownerPort},${nonOwnerPort},${adminPort}`;
const users = {
  owner: { user: 'user:default/alice', port: ownerPort }, // team-shop
  nonOwner: { user: 'user:default/bob', port: nonOwnerPort }, // team-data
  admin: { user: 'user:default/carol', port: adminPort }, // admins
};

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
  extraConfig: string[] = [],
  extraEnv: Record<string, string> = {},
) {
  const dataDir = path.resolve(__dirname, `test-results/e2e-data/${port}`);
  const configs = [
    'app-config.yaml',
    'app-config.demo.yaml',
    'e2e/app-config.e2e.yaml',
    ...extraConfig,
  ];
  return {
    command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && yarn workspace backend start ${configs
      .map(c => `--config ../../${c}`)
      .join(' ')}`,
    url: `http://127.0.0.1:${port}/.backstage/health/v1/readiness`,
    env: {
      E2E_PORT: String(port),
      E2E_DATA_DIR: dataDir,
      E2E_USER: user,
      ...extraEnv,
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
        /(servicesTab|owner|logs|liveState|engineRestart|dockerPage|accessibility|keyboard)\.test\.ts/,
      use: { baseURL: `http://localhost:${users.owner.port}` },
    },
    {
      name: 'non-owner',
      testMatch:
        /(nonOwner|claims|dockerPageNonOwner|accessibilityNonOwner)\.test\.ts/,
      use: { baseURL: `http://localhost:${users.nonOwner.port}` },
    },
    {
      name: 'admin',
      testMatch: /\w+Admin\.test\.ts/,
      use: { baseURL: `http://localhost:${users.admin.port}` },
    },
  ],
  webServer: [
    withEngine2
      ? backend(users.owner, ['e2e/app-config.e2e-engine2.yaml'], {
          E2E_LOCAL_DOCKER_SOCKET: localDockerSocket,
          E2E_ENGINE2_SOCKET: engine2Socket,
        })
      : backend(users.owner),
    backend(users.nonOwner),
    backend(users.admin),
  ],
});
