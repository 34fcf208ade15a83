import { Entity } from '@backstage/catalog-model';
import {
  CONTAINER_ACTIONS,
  ContainerAction,
  ContainerListResponse,
  ContainerSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useEffect, useRef, useState } from 'react';
import { whyDisabled } from '../components/whyDisabled';
import { useActionPermissions } from './useActionPermissions';

/** `?confirm=<action>&host=<host>&container=<id>`: what a link asks to confirm. */
export interface ConfirmLink {
  action: ContainerAction;
  host: string;
  container: string;
}

const PARAMS = ['confirm', 'host', 'container'];

/** The link's request, when the query holds a complete and valid one. */
export function readConfirmLink(search: string): ConfirmLink | undefined {
  const params = new URLSearchParams(search);
  const action = params.get('confirm') as ContainerAction | null;
  const host = params.get('host');
  const container = params.get('container');
  if (!action || !CONTAINER_ACTIONS.includes(action) || !host || !container) {
    return undefined;
  }
  return { action, host, container };
}

/** Takes the link's parameters out of the address, so a reload does not reopen it. */
function forgetConfirmLink() {
  const url = new URL(window.location.href);
  PARAMS.forEach(p => url.searchParams.delete(p));
  window.history.replaceState(window.history.state, '', url.toString());
}

function findContainer(
  list: ContainerListResponse,
  link: ConfirmLink,
): ContainerSummary | undefined {
  const host = list.hosts.find(h => h.name === link.host);
  if (host?.status !== 'ok') return undefined;
  return host.containers.find(
    c => c.id === link.container || c.id.startsWith(link.container),
  );
}

/** Why the link's action cannot be confirmed here, or undefined when it can. */
function whyNot(
  entity: Entity,
  list: ContainerListResponse,
  link: ConfirmLink,
  container: ContainerSummary | undefined,
  why: (c: ContainerSummary) => string | undefined,
): string | undefined {
  const opened = `You opened a link to ${link.action} a container`;
  const host = list.hosts.find(h => h.name === link.host);
  if (!host) {
    return `${opened} on host ${link.host}, which this portal does not know.`;
  }
  if (host.status !== 'ok') {
    return `${opened} on host ${link.host}, which cannot be read just now: ${host.error}`;
  }
  if (!container) {
    return `${opened} (${link.container.slice(0, 12)}) on host ${
      link.host
    }, but it is not among the containers of ${
      entity.metadata.name
    } any more: it may have been removed or re-created.`;
  }
  const reason = why(container);
  return reason
    ? `You opened a link to ${link.action} ${container.name}. ${reason}`
    : undefined;
}

/**
 * Opens the confirmation a link asks for (such as the one in an "ask the
 * owners" notification: `?confirm=restart&host=…&container=…`) once the
 * containers are listed and the user's permissions known, when they may do
 * it; otherwise gives a sentence saying why not. Either way the parameters
 * leave the address, so a reload does not ask again.
 */
export function useConfirmDeepLink(options: {
  entity: Entity;
  list?: ContainerListResponse;
  onOpen: (container: ContainerSummary, action: ContainerAction) => void;
}) {
  const { entity, list, onOpen } = options;
  const permissions = useActionPermissions(entity);
  const [link] = useState(() => readConfirmLink(window.location.search));
  const [notice, setNotice] = useState<string>();
  const handled = useRef(false);
  const latestOnOpen = useRef(onOpen);
  latestOnOpen.current = onOpen;
  const checking =
    permissions[link?.action ?? 'start'].loading || permissions.start.loading;

  useEffect(() => {
    if (!link || handled.current || !list || checking) return;
    handled.current = true;
    const container = findContainer(list, link);
    const reason = whyNot(entity, list, link, container, c =>
      whyDisabled({ button: link.action, container: c, entity, permissions }),
    );
    if (reason) setNotice(reason);
    else latestOnOpen.current(container!, link.action);
    forgetConfirmLink();
  }, [link, list, checking, entity, permissions]);

  return { notice, dismiss: () => setNotice(undefined) };
}
