import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const netlify = readFileSync(path.join(root, 'public/_headers'), 'utf8');
const nginx = readFileSync(path.join(root, 'scripts/deploy/nginx.conf'), 'utf8');

describe('the host headers', () => {
  test('send the same policy and headers from _headers (Netlify, Cloudflare) and nginx', () => {
    const policy = netlify.match(/Content-Security-Policy: (.+)/)?.[1];
    expect(policy).toContain("frame-ancestors 'none'");
    expect(nginx).toContain(`add_header Content-Security-Policy "${policy}" always;`);
    for (const header of ['X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy']) {
      const value = netlify.match(new RegExp(`${header}: (.+)`))?.[1];
      expect(value, header).toBeDefined();
      expect(nginx).toMatch(new RegExp(`add_header ${header} "?${value!.replace(/[()]/g, '\\$&')}"? always;`));
    }
  });

  test('leave scripts to the page policy: a second policy can only narrow it', () => {
    expect(`${netlify}\n${nginx}`).not.toMatch(/script-src|default-src|unsafe-inline|unsafe-eval/);
  });
});
