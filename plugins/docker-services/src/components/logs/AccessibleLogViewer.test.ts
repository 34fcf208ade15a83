import { fixLogViewerMarkup } from './AccessibleLogViewer';

// LogViewer's markup as it renders it: a header with the search controls,
// then one line-number link per line.
function logViewerMarkup(filterOn: boolean): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = `
    <div class="header">
      <button><svg></svg></button><p>1/3</p><button><svg></svg></button>
      <div><input placeholder="Search" /></div>
      <button><svg class="${
        filterOn ? 'MuiSvgIcon-colorPrimary' : 'MuiSvgIcon-colorDisabled'
      }"></svg></button>
      <button aria-label="Download logs"><svg></svg></button>
    </div>
    <div><a role="row" href="#line-1">1</a><span>first</span></div>
    <div><a role="row" href="#line-2">2</a><span>second</span></div>`;
  return root;
}

describe('fixLogViewerMarkup', () => {
  it('makes the line numbers plain links named by their line', () => {
    const root = logViewerMarkup(false);
    fixLogViewerMarkup(root);
    const links = Array.from(root.querySelectorAll('a'));
    expect(links.map(a => a.getAttribute('role'))).toEqual([null, null]);
    expect(links.map(a => a.getAttribute('aria-label'))).toEqual([
      'Line 1',
      'Line 2',
    ]);
  });

  it('names the search field and every button, and says whether the filter is on', () => {
    const root = logViewerMarkup(true);
    fixLogViewerMarkup(root);
    expect(root.querySelector('input')!.getAttribute('aria-label')).toBe(
      'Search the log',
    );
    const buttons = Array.from(root.querySelectorAll('button'));
    expect(buttons.map(b => b.getAttribute('aria-label'))).toEqual([
      'Previous match',
      'Next match',
      'Show only matching lines',
      'Download logs',
    ]);
    expect(buttons[2].getAttribute('aria-pressed')).toBe('true');

    // The toggle's icon changes colour when turned off; the fix follows.
    buttons[2]
      .querySelector('svg')!
      .setAttribute('class', 'MuiSvgIcon-colorDisabled');
    fixLogViewerMarkup(root);
    expect(buttons[2].getAttribute('aria-pressed')).toBe('false');
  });
});
