/**
 * The environment for a real build run from a test. Vitest sets NODE_ENV=test and puts its
 * import.meta.env values (DEV=1, PROD, MODE, SSR, BASE_URL) into process.env; a child `astro build`
 * would inherit them and become a dev build, publishing drafts. Strip them so it builds as users do.
 */
export function productionEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const name of ['DEV', 'PROD', 'MODE', 'SSR', 'BASE_URL']) delete env[name];
  return env;
}
