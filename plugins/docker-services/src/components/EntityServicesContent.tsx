import { useEntity } from '@backstage/plugin-catalog-react';
import { ServicesContent } from './ServicesContent';

/** The Services tab for the entity of the page it sits on. */
export function EntityServicesContent() {
  const { entity } = useEntity();
  return <ServicesContent entity={entity} />;
}
