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

  test('serve the notes\' Markdown copies as Markdown text in UTF-8, and llms.txt as text, on every host', () => {
    expect(netlify).toMatch(/^\/\*\.md\n {2}Content-Type: text\/markdown; charset=utf-8$/m);
    for (const file of ['llms.txt', 'llms-full.txt']) expect(netlify).toMatch(new RegExp(`^/${file.replace('.', '\\.')}\n {2}Content-Type: text/plain; charset=utf-8$`, 'm'));
    // nginx knows no .md; its own location repeats the security headers (an add_header there replaces the others).
    const start = nginx.indexOf('location ~ \\.md$ {');
    const markdown = start < 0 ? '' : nginx.slice(start, nginx.indexOf('\n}', start));
    expect(markdown).toContain('default_type "text/markdown; charset=utf-8";');
    for (const header of ['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy']) expect(markdown).toContain(`add_header ${header} `);
  });

  test('leave scripts to the page policy: a second policy can only narrow it', () => {
    expect(`${netlify}\n${nginx}`).not.toMatch(/script-src|default-src|unsafe-inline|unsafe-eval/);
  });
});
