import {
  Content,
  Header,
  Page,
  SignInPage as ProvidersSignInPage,
  WarningPanel,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';

/**
 * Set in app-config.demo.yaml (and the e2e configs), never in production.
 * The frontend sees whether it is set, not what it holds (config.d.ts).
 */
export const GUEST_PROVIDER_KEY = 'auth.providers.guest';

/**
 * The sign-in page. It offers the guest sign-in only when the configuration
 * has a guest provider, as the demo's does; Backstage's default page offers
 * it always, and in production its card would even offer a "legacy guest
 * token" that signs in as nobody the backend knows. Without it, the page
 * says that no way to sign in is configured.
 */
export function SignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  if (config.has(GUEST_PROVIDER_KEY)) {
    return <ProvidersSignInPage {...props} providers={['guest']} />;
  }
  return (
    <Page themeId="home">
      <Header title={config.getOptionalString('app.title') ?? 'Backstage'} />
      <Content>
        <WarningPanel
          severity="info"
          title="No way to sign in is configured"
          message="This portal offers no guest sign-in. Its administrators configure an identity provider under auth.providers and add its sign-in page to the app (packages/app)."
          defaultExpanded
        />
      </Content>
    </Page>
  );
}
