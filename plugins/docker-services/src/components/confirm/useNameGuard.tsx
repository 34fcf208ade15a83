import { useState } from 'react';
import { TYPE_NAME_HELP_ID, TypeNameField } from './TypeNameField';

/**
 * The "type its name to confirm" guard of a confirmation: the field to show
 * (none when `name` is undefined) and, until the name is typed exactly, the
 * id of the text that says so, for the dialog's `blockedBy`. `why` says why
 * the name is asked for.
 */
export function useNameGuard(name: string | undefined, why: string) {
  const [typed, setTyped] = useState('');
  const waiting = name !== undefined && typed.trim() !== name;
  return {
    blockedBy: waiting ? TYPE_NAME_HELP_ID : undefined,
    field: name !== undefined && (
      <TypeNameField name={name} why={why} value={typed} onChange={setTyped} />
    ),
  };
}
