import { Entity } from '@backstage/catalog-model';
import { IdentityApi, identityApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef, SignalApi } from '@backstage/plugin-signals-react';
import {
  DockerServicesApi,
  dockerServicesApiRef,
} from '../../api/DockerServicesApi';
import { ServicesContent } from '../ServicesContent';
import {
  allow,
  allowOnly,
  entity as shopWeb,
  mountedRoutes,
} from './servicesFixtures';

/** How a test wants the tab, past its client. */
export interface ServicesContentOptions {
  /** The entity whose tab it is; shop-web unless said. */
  entity?: Entity;
  /** The permission API; everything allowed unless said. */
  permissions?: typeof allow | ReturnType<typeof allowOnly>;
  /** A signal API, for a test of what the page does on a signal. */
  signals?: SignalApi;
  /** Who is signed in, for a test of what the page says to that user. */
  identity?: IdentityApi;
  /** The app's config, such as `permissionsOn`. */
  config?: NonNullable<Parameters<typeof renderInTestApp>[1]>['config'];
}

/** Renders an entity's Services tab in a test app, over the fake client `api`. */
export function renderServicesContent(
  api: DockerServicesApi,
  options: ServicesContentOptions = {},
) {
  const { signals, identity } = options;
  return renderInTestApp(
    <ServicesContent entity={options.entity ?? shopWeb} />,
    {
      apis: [
        [dockerServicesApiRef, api],
        options.permissions ?? allow,
        ...(signals ? [[signalApiRef, signals] as const] : []),
        ...(identity ? [[identityApiRef, identity] as const] : []),
      ],
      mountedRoutes,
      config: options.config,
    },
  );
}
