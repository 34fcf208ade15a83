import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import Button from '@material-ui/core/Button';
import { whyQuestion } from './whyQuestion';

/**
 * The row's "Why did it stop?" (or "…keep restarting?", "…unhealthy?")
 * button, for containers that have something to explain; nothing otherwise.
 */
export function WhyButton(props: {
  container: ContainerSummary;
  onExplain: (question: string) => void;
}) {
  const question = whyQuestion(props.container);
  if (!question) return null;
  return (
    <Button
      size="small"
      color="primary"
      onClick={() => props.onExplain(question)}
      aria-label={`${question} (${props.container.name})`}
      style={{ whiteSpace: 'nowrap' }}
    >
      {question}
    </Button>
  );
}
