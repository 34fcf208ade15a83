import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { useMemo, useState } from 'react';
import { LogSource } from '../../hooks/logSource';
import { LogStatus, useLogStream } from '../../hooks/useLogStream';
import { useLogDownload } from '../../hooks/useLogDownload';
import { useFocusRing } from '../focusRing';
import { formatDateTime } from '../time/Ago';
import { AccessibleLogViewer } from './AccessibleLogViewer';
import { formatLogLine, STDERR_MARK, taskLabel } from './formatLogLine';
import { LogControls, Since, sinceTime } from './LogControls';
import { LogSubject } from './logSubject';
import { shortContainerName } from './containerTag';

const STATUS: Record<
  LogStatus,
  { label: string; color: 'primary' | 'default' | 'secondary' }
> = {
  loading: { label: 'Loading…', color: 'default' },
  live: { label: '● Live', color: 'primary' },
  reconnecting: { label: 'Reconnecting…', color: 'secondary' },
  ended: { label: 'Complete', color: 'default' },
  failed: { label: 'Failed', color: 'secondary' },
};

/**
 * A container's log, all tasks' of a Swarm service, or one run's of a job:
 * live, searchable (LogViewer's search), downloadable.
 */
export function LogsDrawer(props: {
  source: LogSource;
  subject: LogSubject;
  /** Show the log up to this moment (RFC 3339), such as when it stopped. */
  until?: string;
  onClose: () => void;
}) {
  const { source, subject, onClose } = props;
  const [until, setUntil] = useState(props.until);
  const [tail, setTail] = useState<number>(500);
  const [since, setSince] = useState<Since>('tail');
  const [showTime, setShowTime] = useState(false);
  const [follow, setFollow] = useState(subject.running && !props.until);
  // The subject is made anew on each render of the page; its time is not.
  const lastStart = subject.lastStart?.since;
  const sinceIso = useMemo(
    () => sinceTime(since, lastStart),
    [since, lastStart],
  );
  // A time range asks for no tail: the backend caps it, and says so only if it must.
  const log = useLogStream(source, {
    tail: since === 'tail' ? tail : undefined,
    since: sinceIso,
    until,
    follow: follow && !until,
  });
  const [search, setSearch] = useState('');
  const download = useLogDownload(
    source,
    {
      tail: since === 'tail' ? tail : undefined,
      since: sinceIso,
      until,
      timestamps: showTime,
    },
    {
      fileBase: subject.fileBase,
      from: subject.range?.from ?? log.lines[0]?.time,
      to: subject.range?.to,
      search,
    },
  );
  const focusRing = useFocusRing();
  const text = useMemo(
    () =>
      log.lines
        .map(line =>
          formatLogLine(
            line,
            showTime,
            subject.serviceName,
            subject.containerPrefix,
          ),
        )
        .join('\n'),
    [log.lines, showTime, subject.serviceName, subject.containerPrefix],
  );
  const firstContainer = log.lines.find(line => line.container)?.container;
  const containerExample =
    firstContainer &&
    shortContainerName(firstContainer.name, subject.containerPrefix);
  const status = STATUS[log.status];
  const firstTask = log.lines.find(line => line.task)?.task;
  const taskExample =
    subject.serviceName && firstTask
      ? taskLabel(subject.serviceName, firstTask)
      : undefined;

  return (
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      // Above a dialog it was opened from ("Why did it stop?"), as dialogs are.
      style={{ zIndex: 1300 }}
      // A modal drawer is a dialog to assistive technology, named by its title.
      PaperProps={{
        role: 'dialog',
        'aria-modal': true,
        'aria-labelledby': 'docker-services-logs-title',
        className: focusRing.root,
      }}
    >
      <Box
        width="min(1100px, 92vw)"
        height="100vh"
        display="flex"
        flexDirection="column"
        p={2}
      >
        <Box display="flex" alignItems="center" justifyContent="space-between">
          <Typography
            variant="h5"
            component="h2"
            id="docker-services-logs-title"
          >
            {subject.title}
          </Typography>
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Chip
              size="small"
              label={status.label}
              color={status.color}
              role="status"
              data-testid="log-status"
            />
            <IconButton aria-label="Close logs" onClick={onClose}>
              <CloseIcon />
            </IconButton>
          </Box>
        </Box>
        <LogControls
          subject={subject}
          since={since}
          onSince={setSince}
          tail={tail}
          onTail={setTail}
          showTime={showTime}
          onShowTime={setShowTime}
          follow={follow && !until}
          followDisabled={Boolean(until)}
          onFollow={setFollow}
        />
        {until && (
          <Typography variant="body2" data-testid="log-until">
            Showing the log up to{' '}
            <time dateTime={until}>{formatDateTime(until)}</time>, when it
            stopped.{' '}
            <Link
              component="button"
              variant="body2"
              onClick={() => setUntil(undefined)}
            >
              Show the latest lines instead
            </Link>
          </Typography>
        )}
        {log.message && log.status !== 'live' && (
          <Typography
            variant="body2"
            color={log.status === 'failed' ? 'error' : 'textSecondary'}
          >
            {log.message}
          </Typography>
        )}
        {log.notices.map(notice => (
          <Typography
            key={notice}
            variant="body2"
            color="textSecondary"
            data-testid="log-notice"
          >
            {notice}
          </Typography>
        ))}
        {download.error && (
          <Typography variant="body2" color="error">
            The download failed: {download.error}
          </Typography>
        )}
        <Typography
          variant="caption"
          color="textSecondary"
          data-testid="log-line-count"
        >
          {log.lines.length === 1 ? '1 line' : `${log.lines.length} lines`}
          {log.lines.length > 0 &&
            ` (${
              log.lines.filter(l => l.stream === 'stderr').length
            } on stderr, marked ${STDERR_MARK})`}
          {taskExample &&
            `; each starts with the task and node that wrote it, such as ${taskExample}`}
          {containerExample &&
            `; each starts with a coloured mark and the name of the container that wrote it, such as ${containerExample}`}
        </Typography>
        {search && (
          <Typography
            variant="caption"
            color="textSecondary"
            display="block"
            data-testid="log-download-filter"
          >
            The download holds only the lines that contain “{search}”, as the
            search finds them.
          </Typography>
        )}
        <Box flex={1} minHeight={0} mt={1} data-testid="log-viewer">
          <AccessibleLogViewer
            text={text}
            onDownloadLog={download.run}
            onSearchChange={setSearch}
          />
        </Box>
      </Box>
    </Drawer>
  );
}
