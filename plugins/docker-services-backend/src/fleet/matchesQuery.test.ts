import { EngineContainer } from '../docker/DockerHost';
import { matchesQuery } from './matchesQuery';

const ID = 'a1b2c3d4e5f6'.padEnd(64, '0');
const listed: EngineContainer = {
  Id: ID,
  Names: ['/shop-web-1'],
  Image: 'docker-services-demo/busybox:latest',
  State: 'running',
  Status: 'Up 1 minute',
  Created: 0,
  Ports: [],
  Labels: {
    'com.docker.compose.project': 'shop',
    'com.docker.compose.service': 'web',
  },
};

describe('matchesQuery', () => {
  it.each([
    ['a name, in any case', 'Shop-Web'],
    ['a short id', 'a1b2c3d4e5f6'],
    ['a full id', ID],
    ['an image', 'busybox'],
    ['a Compose project and service', 'shop/web'],
    ['nothing at all', '  '],
  ])('finds a container by %s', (_what, q) => {
    expect(matchesQuery(listed, q)).toBe(true);
  });

  it.each([
    ['another name', 'billing'],
    ['an id that is not its prefix', 'b2c3d4e5'],
    ['a label value that is not Compose', 'running'],
  ])('does not find it by %s', (_what, q) => {
    expect(matchesQuery(listed, q)).toBe(false);
  });
});
