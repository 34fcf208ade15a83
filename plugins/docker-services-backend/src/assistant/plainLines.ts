import {
  LogLine,
  stripControlSequences,
} from '@docker-services/backstage-plugin-docker-services-common';

/**
 * Log lines with every terminal control sequence removed, colours too: an
 * assistant's answer is shown in chats and terminals, where they could
 * move the cursor or hide text.
 */
export function plainLines(lines: LogLine[]): LogLine[] {
  return lines.map(l => ({
    ...l,
    line: stripControlSequences(l.line, { keepColours: false }),
  }));
}
