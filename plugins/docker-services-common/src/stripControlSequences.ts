const ESC = '\u001b';
// Colour and style (SGR) sequences: the only escapes a log may keep.
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
// Every other escape: cursor moves, line erases, OSC (window titles,
// clipboard writes, OSC 8 hyperlinks), and single-character escapes. Any of
// them could rewrite or hide earlier output in a terminal, or reach the
// clipboard of whoever prints the log there.
const OTHER_ESCAPES = new RegExp(
  [
    `${ESC}\\[[0-9;?<=>]*[ -/]*[@-~]`, // CSI
    `${ESC}\\][^\\u0007${ESC}]*(?:\\u0007|${ESC}\\\\)?`, // OSC
    `${ESC}[P^_X][^${ESC}]*(?:${ESC}\\\\)?`, // DCS, PM, APC, SOS
    // Other escapes: optional intermediates, then one final byte (ESC 7,
    // ESC E, ESC ( B as `tput sgr0` writes…).
    `${ESC}[ -/]*[0-~]`,
    `${ESC}`, // a stray ESC
  ].join('|'),
  'g',
);
// C0 controls except tab, and DEL and C1 controls; \r included, which would
// let a line overwrite itself. Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000a-\u001a\u001c-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

/**
 * A log line's text with every terminal control sequence and control
 * character removed (tabs stay), so that showing, printing or `cat`-ing it
 * cannot move the cursor, overwrite earlier text, retitle a window or write
 * to a clipboard. Colour and style sequences (SGR) are kept only when asked
 * for, unchanged; the page keeps them for its log viewer, a downloaded file
 * does not.
 *
 * @public
 */
export function stripControlSequences(
  text: string,
  options: { keepColours: boolean },
): string {
  // Most lines hold no control character at all: nothing to do.
  if (!NEEDS_WORK.test(text)) return text;
  const kept: string[] = [];
  let last = 0;
  for (const match of text.matchAll(SGR)) {
    kept.push(cleanSegment(text.slice(last, match.index)));
    if (options.keepColours) kept.push(match[0]);
    last = match.index! + match[0].length;
  }
  kept.push(cleanSegment(text.slice(last)));
  return kept.join('');
}

function cleanSegment(segment: string): string {
  return segment.replace(OTHER_ESCAPES, '').replace(CONTROLS, '');
}
