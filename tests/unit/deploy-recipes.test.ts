import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string }

describe('the deploy recipes', () => {
  test('GitHub Pages builds with the origin and sub-path Pages reports, and publishes dist/', () => {
    const workflow = parseYaml(read('.github/workflows/pages.yml')) as { jobs: Record<string, { steps: Step[] }> };
    const steps = workflow.jobs.build.steps;
    expect(steps.find((step) => step.uses?.startsWith('actions/checkout'))?.with?.['fetch-depth']).toBe(0);
    const install = steps.findIndex((step) => step.run?.startsWith('npm install'));
    const build = steps.findIndex((step) => step.run === 'npm run build');
    expect(install).toBeGreaterThanOrEqual(0);
    expect(build).toBeGreaterThan(install);
    expect(steps[build].env?.SITE_URL).toMatch(/steps\.pages\.outputs\.origin/);
    expect(steps[build].env?.BASE_PATH).toMatch(/steps\.pages\.outputs\.base_path/);
    expect(steps.find((step) => step.id === 'pages')?.uses).toMatch(/^actions\/configure-pages@/);
    expect(steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact'))?.with?.path).toBe('dist');
    expect(workflow.jobs.deploy.steps.some((step) => step.uses?.startsWith('actions/deploy-pages'))).toBe(true);
  });

  test('the Docker image builds the site and serves it with the nginx configuration', () => {
    const docker = read('scripts/deploy/Dockerfile');
    expect(docker).toMatch(/RUN npm install --no-audit --no-fund/);
    expect(docker).toMatch(/RUN npm run build/);
    expect(docker).toContain('COPY scripts/deploy/nginx.conf /etc/nginx/ml-notes.conf');
    expect(docker).toContain('COPY --from=build /site/dist /usr/share/nginx/html');
    expect(read('scripts/deploy/nginx-server.conf')).toContain('include /etc/nginx/ml-notes.conf;');
  });
});
