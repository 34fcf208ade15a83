import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  ContainerAction,
  ContainerListResponse,
  ContainerSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { screen, waitFor } from '@testing-library/react';
import {
  allow,
  allowOnly,
  containerWith,
  entityNamed,
  mountedRoutes,
  permissionsOn,
  responseWith,
  UI_TEST_TIMEOUT_MS,
} from '../components/__testUtils__/servicesFixtures';
import { readConfirmLink, useConfirmDeepLink } from './useConfirmDeepLink';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

const id = 'a'.repeat(64);

function Harness(props: {
  entityName: string;
  list?: ContainerListResponse;
  onOpen: (c: ContainerSummary, a: ContainerAction) => void;
}) {
  const { notice } = useConfirmDeepLink({
    entity: entityNamed(props.entityName),
    list: props.list,
    onOpen: props.onOpen,
  });
  return <p data-testid="notice">{notice ?? 'none'}</p>;
}

async function follow(options: {
  search: string;
  entityName: string;
  container: ContainerSummary;
  permissions: readonly [unknown, unknown];
}) {
  window.history.replaceState(null, '', `/services${options.search}`);
  const onOpen = jest.fn();
  const list = responseWith({
    name: 'local',
    status: 'ok',
    containers: [options.container],
  });
  await renderInTestApp(
    <Harness entityName={options.entityName} list={list} onOpen={onOpen} />,
    {
      apis: [options.permissions as any],
      mountedRoutes,
      config: permissionsOn,
    },
  );
  return onOpen;
}

describe('useConfirmDeepLink', () => {
  it('opens the confirmation the link asks for, once, and takes it out of the address', async () => {
    const running = containerWith({ state: 'running' });
    const onOpen = await follow({
      search: `?tab=x&confirm=restart&host=local&container=${id}`,
      entityName: 'link-allowed',
      container: running,
      permissions: allow,
    });
    await waitFor(() =>
      expect(onOpen).toHaveBeenCalledWith(running, 'restart'),
    );
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(window.location.search).toBe('?tab=x');
    expect(screen.getByTestId('notice')).toHaveTextContent('none');
  });

  it('says why when the user may not do what the link asks', async () => {
    const onOpen = await follow({
      search: `?confirm=restart&host=local&container=${id}`,
      entityName: 'link-denied',
      container: containerWith({ state: 'running' }),
      permissions: allowOnly('logs'),
    });
    await waitFor(() =>
      expect(screen.getByTestId('notice')).toHaveTextContent(
        'You opened a link to restart shop-web-1. Only the owners of link-denied (team-shop) or an administrator may restart its containers. Ask them.',
      ),
    );
    expect(onOpen).not.toHaveBeenCalled();
    expect(window.location.search).toBe('');
  });

  it('says so when the container is not among the listed ones', async () => {
    const onOpen = await follow({
      search: `?confirm=start&host=local&container=${'b'.repeat(64)}`,
      entityName: 'link-gone',
      container: containerWith({ state: 'exited' }),
      permissions: allow,
    });
    await waitFor(() =>
      expect(screen.getByTestId('notice')).toHaveTextContent(
        /^You opened a link to start a container \(bbbbbbbbbbbb\) on host local, but it is not among the containers of link-gone any more/,
      ),
    );
    expect(onOpen).not.toHaveBeenCalled();
  });
});

describe('useConfirmDeepLink with a link an ask cannot produce', () => {
  it('opens no stop, whatever container the link names', async () => {
    const onOpen = await follow({
      search: `?confirm=stop&host=local&container=${id}`,
      entityName: 'link-stop',
      container: containerWith({ state: 'running' }),
      permissions: allow,
    });
    await waitFor(() =>
      expect(screen.getByTestId('notice')).toHaveTextContent(
        /may only open the confirmation of a start or a restart/,
      ),
    );
    expect(onOpen).not.toHaveBeenCalled();
    expect(window.location.search).toBe('');
  });

  it('opens nothing for a container named by the start of its id only', async () => {
    const onOpen = await follow({
      search: '?confirm=start&host=local&container=a',
      entityName: 'link-prefix',
      container: containerWith({ state: 'exited' }),
      permissions: allow,
    });
    await waitFor(() =>
      expect(screen.getByTestId('notice')).toHaveTextContent(
        'The link you opened to start a container does not name one container exactly (its host and full id), so nothing was opened.',
      ),
    );
    expect(onOpen).not.toHaveBeenCalled();
  });
});

describe('readConfirmLink', () => {
  const full = 'c'.repeat(64);
  it('reads a start or a restart of a container named by its full id', () => {
    expect(
      readConfirmLink(`?confirm=restart&host=h&container=${full}`),
    ).toEqual({ action: 'restart', host: 'h', container: full });
    expect(readConfirmLink(`?confirm=start&host=h&container=${full}`)).toEqual({
      action: 'start',
      host: 'h',
      container: full,
    });
  });

  it('refuses other actions, partial or malformed ids and missing parts, and ignores an address without a link', () => {
    const refused = (search: string) =>
      expect(readConfirmLink(search)).toEqual({ refused: expect.any(String) });
    refused(`?confirm=stop&host=h&container=${full}`);
    refused(`?confirm=delete&host=h&container=${full}`);
    refused('?confirm=start&host=h&container=c');
    refused(`?confirm=start&host=h&container=${full.slice(1)}`);
    refused(`?confirm=start&host=h&container=${'C'.repeat(64)}`);
    refused(`?confirm=start&container=${full}`);
    expect(readConfirmLink('?tab=services')).toBe(undefined);
    expect(readConfirmLink('')).toBe(undefined);
  });
});
