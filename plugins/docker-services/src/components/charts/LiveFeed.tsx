import { useEffect } from 'react';
import { ContainerTarget } from '../../api/DockerServicesApi';
import { LiveStatsState, useLiveStats } from '../../hooks/useLiveStats';

/**
 * Draws nothing: follows one container's live use while mounted and hands
 * each update to its parent, so a parent can follow a list of containers
 * (a hook cannot be called in a loop). Unmounting closes the stream.
 */
export function LiveFeed(props: {
  target: ContainerTarget;
  onChange: (id: string, live: LiveStatsState) => void;
}) {
  const live = useLiveStats(props.target, true);
  const { onChange, target } = props;
  useEffect(() => onChange(target.id, live), [onChange, target.id, live]);
  return null;
}
