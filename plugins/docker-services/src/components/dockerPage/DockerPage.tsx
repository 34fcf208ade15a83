import { Content, Header, Page } from '@backstage/core-components';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { ReactNode, useState } from 'react';
import { FindContainer } from './FindContainer';
import { MyServices } from './MyServices';

const tabs: Array<{ id: string; label: string; render: () => ReactNode }> = [
  { id: 'find', label: 'Find a container', render: () => <FindContainer /> },
  { id: 'mine', label: 'My services', render: () => <MyServices /> },
];

/**
 * The Docker page's content: find any container and whose it is, or see the
 * state of everything you own. The app's page header is outside.
 */
export function DockerPageContent() {
  const [selected, setSelected] = useState(0);
  return (
    <>
      <Tabs
        value={selected}
        onChange={(_event, index: number) => setSelected(index)}
        aria-label="Docker page sections"
        indicatorColor="primary"
        textColor="primary"
      >
        {tabs.map((tab, index) => (
          <Tab
            key={tab.id}
            label={tab.label}
            id={`docker-tab-${tab.id}`}
            aria-controls={`docker-tabpanel-${tab.id}`}
            value={index}
          />
        ))}
      </Tabs>
      {tabs.map((tab, index) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`docker-tabpanel-${tab.id}`}
          aria-labelledby={`docker-tab-${tab.id}`}
          hidden={selected !== index}
        >
          {selected === index && tab.render()}
        </div>
      ))}
    </>
  );
}

/** The Docker page for apps on the new frontend system (header from the app). */
export function DockerPage() {
  return (
    <Content>
      <DockerPageContent />
    </Content>
  );
}

/** The Docker page for legacy apps, with its own header. */
export function LegacyDockerPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Docker"
        subtitle="Find a container and whose it is; see the state of what you own"
      />
      <Content>
        <DockerPageContent />
      </Content>
    </Page>
  );
}
