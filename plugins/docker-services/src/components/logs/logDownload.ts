/**
 * A moment as a file name takes it: "2026-12-05T10-00", in UTC, to the
 * minute (no colons, which some systems refuse in names).
 */
function fileTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return 'unknown';
  return new Date(time).toISOString().slice(0, 16).replace(':', '-');
}

/** Letters, digits, dots, dashes and underscores: safe in any file system. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * The name of a downloaded log: whose it is and which time it covers,
 * "demo-shop-web-2_2026-12-05T10-00_to_2026-12-05T11-00.log";
 * "…_until_2026-12-05T11-00.log" when its start is not known.
 */
export function logFileName(options: {
  base: string;
  from?: string;
  to: string;
}): string {
  const { base, from, to } = options;
  const range = from
    ? `${fileTime(from)}_to_${fileTime(to)}`
    : `until_${fileTime(to)}`;
  return `${safeName(base)}_${range}.log`;
}

/**
 * The lines of a log text that contain `search`, ignoring case, as
 * LogViewer's search matches them; all of them when the search is empty.
 */
export function keepMatchingLines(text: string, search: string): string {
  const wanted = search.toLocaleLowerCase();
  if (!wanted) return text;
  const kept = text
    .split('\n')
    .filter(line => line.toLocaleLowerCase().includes(wanted));
  return kept.length ? `${kept.join('\n')}\n` : '';
}
