import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { SignInPage } from '@backstage/core-components';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import reliabilityPlugin from '@reliability-suite/plugin-reliability/alpha';

/** Guest sign-in without a click, as in the legacy demo app. */
const guestSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props =>
      <SignInPage {...props} auto providers={['guest']} />,
  },
});

/**
 * The demo portal on Backstage's new frontend system: the same backend,
 * demo data and plugin as packages/app, installed as the README says.
 */
export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    userSettingsPlugin,
    reliabilityPlugin,
    createFrontendModule({
      pluginId: 'app',
      extensions: [guestSignInPage],
    }),
  ],
});
