import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigSources, StaticConfigSource } from '@backstage/config-loader';
import { apiTokenConfig } from './apiTokenConfig';

/**
 * The default root config (app-config files, `--config` arguments,
 * `APP_CONFIG_*` variables) plus the API token when one is set.
 */
export const rootConfigWithApiToken = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  async factory() {
    const tokenConfig = apiTokenConfig();
    const source = ConfigSources.merge([
      ConfigSources.default({}),
      ...(tokenConfig
        ? [StaticConfigSource.create({ data: tokenConfig, context: 'env' })]
        : []),
    ]);
    return await ConfigSources.toConfig(source);
  },
});
