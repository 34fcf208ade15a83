import { Entity } from '@backstage/catalog-model';
import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import { NowProvider, useNow } from '../time/NowProvider';
import { ToneLabel } from '../ToneLabel';
import { statusLines, toneOfLevel } from './statusWords';
import { useEntityStatus } from './useEntityStatus';

const useStyles = makeStyles(theme => ({
  lines: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& > li + li': { marginTop: theme.spacing(1) },
  },
}));

/**
 * What runs for the entity, one line per kind of workload in plain words,
 * the worst first, with a link to the Services tab. Renders nothing while
 * it first loads, and nothing when nothing is bound to the entity or the
 * caller may not read it.
 */
export function DockerServicesCard({ entity }: { entity: Entity }) {
  const classes = useStyles();
  const now = useNow();
  const entityLink = useEntityRefLink();
  const { value, error } = useEntityStatus(entity);
  const title = 'Docker services';
  if (error) {
    return (
      <InfoCard title={title}>
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }
  const lines = value ? statusLines(value, now) : [];
  if (lines.length === 0) return null;
  return (
    <InfoCard
      title={title}
      deepLink={{
        title: 'Open the Services tab',
        link: `${entityLink(entity)}/services`,
      }}
    >
      <ul className={classes.lines} data-testid="docker-services-status">
        {lines.map((line, i) => (
          <li key={i}>
            <ToneLabel tone={toneOfLevel(line.level)}>{line.text}</ToneLabel>
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}

/** The card for the entity of the page it sits on, its times kept current. */
export function EntityDockerServicesCardContent() {
  const { entity } = useEntity();
  return (
    <NowProvider>
      <DockerServicesCard entity={entity} />
    </NowProvider>
  );
}
