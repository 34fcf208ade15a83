import { permissionNoteText } from './PermissionNote';

describe('permissionNoteText', () => {
  const shop = { ref: 'group:default/team-shop', title: 'Shop team' };
  const data = { ref: 'group:default/team-data', title: 'Data team' };

  it('names the owners and the actions the user may not do', () => {
    expect(permissionNoteText([shop], ['start', 'stop', 'restart'])).toBe(
      'Only Shop team can start, stop or restart these. Ask them.',
    );
    expect(permissionNoteText([shop, data], ['restart'])).toBe(
      'Only Shop team and Data team can restart these. Ask them.',
    );
  });

  it('says so when nobody owns the component', () => {
    expect(permissionNoteText([], ['start', 'stop'])).toBe(
      'Nobody in the catalog owns this component, so only an administrator can start or stop these.',
    );
  });
});
