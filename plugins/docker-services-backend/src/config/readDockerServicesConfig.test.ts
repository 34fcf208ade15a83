import { ConfigReader } from '@backstage/config';
import { readDockerServicesConfig } from './readDockerServicesConfig';

const read = (
  dockerServices: object | undefined,
  env: NodeJS.ProcessEnv = {},
) =>
  readDockerServicesConfig(
    new ConfigReader(dockerServices ? { dockerServices } : {}),
    env,
  );

describe('readDockerServicesConfig', () => {
  it('defaults to one local host on the default socket', () => {
    expect(read(undefined)).toMatchObject({
      hosts: [
        {
          name: 'local',
          socketPath: '/var/run/docker.sock',
          requestTimeoutMs: 5000,
          trustCatalogAnnotations: false,
        },
      ],
      bindings: [],
      requestTimeoutMs: 5000,
      stopTimeoutSeconds: 10,
      actionLockMs: 15_000,
      readDecisionMs: 5_000,
      indexReconcileMs: 60_000,
      allowActionsWithoutPermissionFramework: false,
      logs: {
        defaultTail: 500,
        maxTail: 10_000,
        maxLineBytes: 65536,
        maxResponseBytes: 32 * 1024 * 1024,
        maxFollowersPerHost: 20,
        heartbeatSeconds: 15,
      },
      swarm: { maxReplicas: 10, allowScaleToZero: false },
    });
  });

  it('reads the Swarm scale limits', () => {
    expect(
      read({ swarm: { maxReplicas: 4, allowScaleToZero: true } }).swarm,
    ).toEqual({ maxReplicas: 4, allowScaleToZero: true });
  });

  it('follows DOCKER_HOST for the default host', () => {
    expect(
      read(undefined, { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })
        .hosts[0],
    ).toMatchObject({
      socketPath: '/run/user/1000/docker.sock',
    });
    expect(
      read(undefined, { DOCKER_HOST: 'tcp://127.0.0.1:2375' }).hosts[0],
    ).toMatchObject({
      protocol: 'http',
      host: '127.0.0.1',
      port: 2375,
    });
    expect(
      read(undefined, {
        DOCKER_HOST: 'tcp://docker.internal:2376',
        DOCKER_TLS_VERIFY: '1',
      }).hosts[0],
    ).toMatchObject({ protocol: 'https', host: 'docker.internal', port: 2376 });
  });

  it('reads TLS hosts with their certificates', () => {
    const [host] = read({
      hosts: [
        {
          name: 'build-01',
          url: 'https://build-01.internal:2376',
          ca: 'CA',
          cert: 'CERT',
          key: 'KEY',
        },
      ],
    }).hosts;
    expect(host).toEqual({
      name: 'build-01',
      requestTimeoutMs: 5000,
      trustCatalogAnnotations: false,
      protocol: 'https',
      host: 'build-01.internal',
      port: 2376,
      tls: { ca: 'CA', cert: 'CERT', key: 'KEY' },
    });
  });

  it.each([
    [
      { hosts: [{ name: 'x', url: 'http://10.0.0.5:2375' }] },
      /plain http is allowed only to loopback/,
    ],
    [
      { hosts: [{ name: 'x', url: 'tcp://127.0.0.1:2375' }] },
      /must start with https/,
    ],
    [{ hosts: [{ name: 'x' }] }, /exactly one of socketPath and url/],
    [
      { hosts: [{ name: 'x', socketPath: '/a', url: 'https://b' }] },
      /exactly one/,
    ],
    [{ hosts: [{ name: 'bad name', socketPath: '/a' }] }, /host name may hold/],
    [
      {
        hosts: [
          { name: 'a', socketPath: '/a' },
          { name: 'a', socketPath: '/b' },
        ],
      },
      /listed twice/,
    ],
    [{ requestTimeoutMs: 0 }, /requestTimeoutMs must be positive/],
    [{ stopTimeoutSeconds: 3600 }, /between 0 and 600/],
    [{ logs: { maxTail: -1 } }, /logs.maxTail must be a positive whole number/],
    [
      { bindings: [{ entity: 'component:default/a', labels: {} }] },
      /bindings\[0\]: labels must name at least one label; an empty rule would bind every container/,
    ],
    [
      { bindings: [{ entity: 'component:default/a', labels: { app: '*' } }] },
      /bindings\[0\]: "\*" is not a usable label value/,
    ],
    [
      {
        bindings: [
          {
            entity: 'component:default/a',
            labels: { 'com.docker.compose.oneoff': 'False' },
          },
        ],
      },
      /Docker Compose puts on nearly every container/,
    ],
    [
      { bindings: [{ entity: 'shop-web', labels: { app: 'shop' } }] },
      /entity must be a full entity ref/,
    ],
    [
      {
        bindings: [
          { entity: 'component:default/a', labels: { app: 'a' }, hosts: ['x'] },
        ],
      },
      /hosts names x, which is not configured/,
    ],
    [
      { swarm: { maxReplicas: 0 } },
      /swarm.maxReplicas must be a whole number between 1 and 1000/,
    ],
    [{ actionLockSeconds: 0 }, /actionLockSeconds must be between 1 and 3600/],
    [
      { readDecisionSeconds: 0.5 },
      /readDecisionSeconds must be between 1 and 60/,
    ],
    [
      { readDecisionSeconds: 300 },
      /readDecisionSeconds must be between 1 and 60/,
    ],
    [
      { index: { reconcileSeconds: 1 } },
      /index.reconcileSeconds must be between 5 and 3600/,
    ],
  ])('refuses %j', (config, message) => {
    expect(() => read(config)).toThrow(message);
  });

  it('refuses plain http to anything but loopback even through DOCKER_HOST', () => {
    expect(() =>
      read(undefined, { DOCKER_HOST: 'tcp://203.0.113.9:2375' }),
    ).toThrow(/loopback/);
  });

  it('reads admin binding rules, keeping label keys with dots whole', () => {
    const settings = read({
      hosts: [
        { name: 'local', socketPath: '/a', trustCatalogAnnotations: true },
        { name: 'b', socketPath: '/b' },
      ],
      bindings: [
        {
          entity: 'Component:default/Partner-Gateway',
          labels: {
            'com.docker.compose.project': 'demo-data',
            'com.docker.compose.service': 'gateway',
          },
          hosts: ['local'],
        },
      ],
    });
    expect(settings.hosts.map(h => h.trustCatalogAnnotations)).toEqual([
      true,
      false,
    ]);
    expect(settings.bindings).toEqual([
      {
        entityRef: 'component:default/partner-gateway',
        labels: {
          'com.docker.compose.project': 'demo-data',
          'com.docker.compose.service': 'gateway',
        },
        hosts: ['local'],
      },
    ]);
  });

  it('reads DOCKER_CERT_PATH for a TLS default host only', () => {
    expect(() =>
      read(undefined, {
        DOCKER_HOST: 'tcp://docker.internal:2376',
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: '/nonexistent',
      }),
    ).toThrow(/DOCKER_CERT_PATH: ca.pem could not be read/);
    // Configured hosts never read the environment.
    expect(
      read(
        { hosts: [{ name: 'local', socketPath: '/a' }] },
        { DOCKER_HOST: 'tcp://203.0.113.9:2375', DOCKER_CERT_PATH: '/x' },
      ).hosts,
    ).toEqual([
      {
        name: 'local',
        socketPath: '/a',
        requestTimeoutMs: 5000,
        trustCatalogAnnotations: false,
      },
    ]);
  });
});
