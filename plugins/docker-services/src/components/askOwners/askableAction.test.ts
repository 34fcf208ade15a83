import { ActionPermissions } from '../../hooks/useActionPermissions';
import { containerWith } from '../__testUtils__/servicesFixtures';
import { askableAction } from './askableAction';

const known = (allowed: boolean) => ({ loading: false, allowed });

function permissions(
  overrides: Partial<ActionPermissions> = {},
): ActionPermissions {
  return {
    start: known(false),
    stop: known(false),
    restart: known(false),
    logs: known(true),
    ...overrides,
  };
}

describe('askableAction', () => {
  it('asks to start a stopped container and to restart a running one, for users who may not', () => {
    expect(
      askableAction(containerWith({ state: 'exited' }), permissions()),
    ).toBe('start');
    expect(askableAction(containerWith({ state: 'dead' }), permissions())).toBe(
      'start',
    );
    expect(
      askableAction(containerWith({ state: 'running' }), permissions()),
    ).toBe('restart');
    expect(
      askableAction(containerWith({ state: 'restarting' }), permissions()),
    ).toBe('restart');
  });

  it('offers nothing to users who may do it themselves, or while that is being checked', () => {
    const exited = containerWith({ state: 'exited' });
    const running = containerWith({ state: 'running' });
    expect(askableAction(exited, permissions({ start: known(true) }))).toBe(
      undefined,
    );
    expect(askableAction(running, permissions({ restart: known(true) }))).toBe(
      undefined,
    );
    expect(
      askableAction(
        exited,
        permissions({ start: { loading: true, allowed: false } }),
      ),
    ).toBe(undefined);
  });

  it('offers nothing for a container bound to several entities', () => {
    const conflicted = containerWith({
      state: 'exited',
      conflict: { entityRefs: ['component:default/a'], message: 'bound twice' },
    });
    expect(askableAction(conflicted, permissions())).toBe(undefined);
  });
});
