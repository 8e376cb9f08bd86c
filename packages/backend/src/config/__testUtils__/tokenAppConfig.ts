import { ConfigSources, FileConfigSource } from '@backstage/config-loader';
import { JsonObject } from '@backstage/types';
import path from 'path';

/** The repository's app-config.token.yaml, which adopters copy. */
export const TOKEN_APP_CONFIG = path.resolve(
  __dirname,
  '../../../../../app-config.token.yaml',
);

/**
 * app-config.token.yaml as Backstage's own config loader reads it, with
 * `${…}` substituted from `env` instead of the process environment: the
 * tests exercise the file adopters copy, not a copy of its contents.
 */
export async function tokenAppConfig(
  env: Record<string, string | undefined>,
): Promise<JsonObject> {
  const source = FileConfigSource.create({
    path: TOKEN_APP_CONFIG,
    watch: false,
    substitutionFunc: async name => env[name],
  });
  const config = await ConfigSources.toConfig(source);
  const data = config.get() as JsonObject;
  config.close();
  return data;
}
