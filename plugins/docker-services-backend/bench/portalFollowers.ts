/*
 * The log followers of the load benchmark (bench/portalLoad.ts): containers
 * that write a line a second, and requests that follow their logs.
 */
import Docker from 'dockerode';
import http from 'node:http';
import { componentName } from './portalCatalog';
import { portal, RUN_ID, RUN_LABEL, timed } from './portalClient';

export interface Follower {
  bytes: number;
  failed?: string;
  stop(): void;
}

/** Follows one container's log until stopped; records a failure or early end. */
export function follow(path: string, token: string): Follower {
  const follower: Follower = { bytes: 0, stop: () => undefined };
  let stopped = false;
  const req = http.get({ ...portal(path, token), agent: false }, res => {
    if (res.statusCode !== 200) follower.failed = `status ${res.statusCode}`;
    res.on('data', (c: Buffer) => {
      follower.bytes += c.length;
    });
    res.on('end', () => {
      if (!stopped) follower.failed ??= 'ended early';
    });
    res.on('error', () => undefined);
  });
  req.on('error', error => {
    if (!stopped) follower.failed ??= String(error);
  });
  follower.stop = () => {
    stopped = true;
    req.destroy();
  };
  return follower;
}

/** The log addresses of the follow entity's running containers. */
export async function followTargets(
  token: string,
  demo: boolean,
): Promise<string[]> {
  const entityPath = demo
    ? '/api/docker-services/entities/component/default/shop-web'
    : `/api/docker-services/entities/component/default/${componentName(0)}`;
  const { body } = await timed(portal(`${entityPath}/containers`, token));
  const running = (body.hosts ?? []).flatMap((h: any) =>
    (h.containers ?? [])
      .filter((c: any) => c.state === 'running')
      .map(
        (c: any) =>
          `${entityPath}/containers/${c.host}/${c.id}/logs?follow=true&tail=10`,
      ),
  );
  if (running.length === 0) throw new Error('No running container to follow');
  return running;
}

export async function startLoggers(docker: Docker, count: number) {
  for (let i = 0; i < count; i++) {
    const container = await docker.createContainer({
      name: `${RUN_ID}-logger-${i}`,
      Image: 'docker-services-demo/busybox:latest',
      Cmd: ['sh', '-c', 'while true; do echo "line $(date)"; sleep 1; done'],
      StopSignal: 'SIGKILL',
      Labels: {
        [RUN_LABEL]: RUN_ID,
        'docker-services.entity': `component:default/${componentName(0)}`,
        'com.docker.compose.project': RUN_ID,
        'com.docker.compose.service': 'svc-00',
      },
    });
    await container.start();
  }
}
