import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ContainerAction } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { Fragment, useMemo } from 'react';
import { useActionPermissions } from '../hooks/useActionPermissions';
import { OwnerTitle, useOwnerTitles } from '../hooks/useOwnerTitles';

/** The id of the note, which the buttons it explains point to. */
export const PERMISSION_NOTE_ID = 'docker-services-permission-note';

/**
 * Why the user may not start, stop or restart the entity's containers,
 * shown once next to the actions, in text a keyboard and a screen reader
 * reach too; `denied` names the actions it explains.
 */
export interface PermissionNoteInfo {
  id: string;
  text: string;
  denied: ContainerAction[];
  owners: OwnerTitle[];
}

const ACTIONS: ContainerAction[] = ['start', 'stop', 'restart'];

function joinWords(words: string[], last: string): string {
  return words.length < 2
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/** "Only Shop team can start or stop these. Ask them." */
export function permissionNoteText(
  owners: OwnerTitle[],
  denied: ContainerAction[],
): string {
  const verbs = joinWords(denied, 'or');
  if (owners.length === 0) {
    return `Nobody in the catalog owns this component, so only an administrator can ${verbs} these.`;
  }
  return `Only ${joinWords(
    owners.map(o => o.title),
    'and',
  )} can ${verbs} these. Ask them.`;
}

/**
 * The note for the entity, or undefined while loading or when all is
 * allowed. The same object while its words stay the same, so that the
 * tables' memoised rows do not re-render with every render of the page.
 */
export function usePermissionNote(
  entity: Entity,
): PermissionNoteInfo | undefined {
  const permissions = useActionPermissions(entity);
  const owners = useOwnerTitles(entity);
  const denied = ACTIONS.filter(
    a => !permissions[a].loading && !permissions[a].allowed,
  );
  const text = denied.length ? permissionNoteText(owners, denied) : undefined;
  const ownerRefs = owners.map(o => o.ref).join(',');
  return useMemo(
    () =>
      text === undefined
        ? undefined
        : { id: PERMISSION_NOTE_ID, text, denied, owners },
    // The words, the denied actions and the owners' refs decide the note.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [text, denied.join(','), ownerRefs],
  );
}

/** The note as a line of text, its owners linked. */
export function PermissionNote({ note }: { note: PermissionNoteInfo }) {
  const { owners, denied } = note;
  if (owners.length === 0) {
    return (
      <Typography variant="body2" id={note.id} data-testid="permission-note">
        {note.text}
      </Typography>
    );
  }
  return (
    <Typography variant="body2" id={note.id} data-testid="permission-note">
      Only{' '}
      {owners.map((owner, i) => (
        <Fragment key={owner.ref}>
          {i > 0 && (i === owners.length - 1 ? ' and ' : ', ')}
          <EntityRefLink
            entityRef={owner.ref}
            defaultKind="group"
            // A link inside a sentence is told apart by more than its colour.
            underline="always"
          >
            {owner.title}
          </EntityRefLink>
        </Fragment>
      ))}{' '}
      can {joinWords(denied, 'or')} these. Ask them.
    </Typography>
  );
}
