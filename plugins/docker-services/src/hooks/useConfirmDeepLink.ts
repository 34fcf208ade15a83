import { Entity } from '@backstage/catalog-model';
import {
  ContainerAction,
  ContainerListResponse,
  ContainerSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useEffect, useRef, useState } from 'react';
import { whyDisabled } from '../components/whyDisabled';
import { useActionPermissions } from './useActionPermissions';

/**
 * `?confirm=<action>&host=<host>&container=<id>`: what a link asks to
 * confirm. Only what asking the owners can request: a start or a restart.
 */
export interface ConfirmLink {
  action: 'start' | 'restart';
  host: string;
  /** A full 64-hex container id. */
  container: string;
}

const PARAMS = ['confirm', 'host', 'container'];
const LINKABLE_ACTIONS: readonly string[] = ['start', 'restart'];
const FULL_CONTAINER_ID = /^[0-9a-f]{64}$/;

/**
 * The link's request when the query holds a complete and valid one; a
 * sentence saying why it is refused when it holds one that is not (another
 * action, a partial or malformed id); undefined when it holds none.
 */
export function readConfirmLink(
  search: string,
): ConfirmLink | { refused: string } | undefined {
  const params = new URLSearchParams(search);
  if (!PARAMS.some(p => params.has(p))) return undefined;
  const action = params.get('confirm');
  const host = params.get('host');
  const container = params.get('container');
  if (!action || !LINKABLE_ACTIONS.includes(action)) {
    return {
      refused:
        'The link you opened asks for something a link cannot ask for: it may only open the confirmation of a start or a restart that someone asked the owners for.',
    };
  }
  if (!host || !container || !FULL_CONTAINER_ID.test(container)) {
    return {
      refused: `The link you opened to ${action} a container does not name one container exactly (its host and full id), so nothing was opened.`,
    };
  }
  return { action: action as ConfirmLink['action'], host, container };
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
  // The full id, exactly: a prefix could name another container.
  return host.containers.find(c => c.id === link.container);
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
  const [read] = useState(() => readConfirmLink(window.location.search));
  const link = read && 'refused' in read ? undefined : read;
  const [notice, setNotice] = useState<string | undefined>(() =>
    read && 'refused' in read ? read.refused : undefined,
  );
  useEffect(() => {
    if (read && 'refused' in read) forgetConfirmLink();
  }, [read]);
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
