import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const vnu = path.join(root, 'node_modules/vnu-jar/build/dist/vnu.jar');

interface Message { type: string; url: string; lastLine?: number; message: string; extract?: string }

// Stylesheets are inlined, so the checker reads the CSS too, with a grammar that predates these
// standard properties (CSS Overflow 4 and CSS Fill and Stroke; every current browser supports them).
const modernCssProperties = ['line-clamp', 'paint-order'];
// `<link rel="expect" blocking="render">` is in the HTML standard (2023; Chromium 124+) but not yet in
// the checker's schema, which allows `blocking` on stylesheets and scripts only.
const renderBlockingExpect = 'A “link” element with a “blocking” attribute must have a “rel” attribute whose value is “stylesheet”.';
const unknownToChecker = (message: Message) =>
  message.message === renderBlockingExpect || modernCssProperties.some((property) => message.message === `CSS: “${property}”: Property “${property}” doesn't exist.`);

describe('the built HTML', () => {
  test('passes the W3C Nu HTML checker with no errors on every page', () => {
    const pages = execFileSync('find', [path.join(root, 'dist'), '-name', '*.html', '-not', '-path', '*/pagefind/*'], { encoding: 'utf8' }).trim().split('\n');
    expect(pages.length).toBeGreaterThan(50);
    // The checker prints its findings as JSON on stderr and exits 1 when there are errors.
    const result = spawnSync('java', ['-Xss8m', '-jar', vnu, '--errors-only', '--format', 'json', ...pages], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(result.error, 'Java is needed to run the checker (Debian: apt-get install -y default-jre-headless)').toBeUndefined();
    const messages = (JSON.parse(result.stderr) as { messages: Message[] }).messages.filter((message) => (message.type === 'error' || message.type === 'non-document-error') && !unknownToChecker(message));
    const report = messages.map((message) => `${path.relative(root, message.url.replace('file:', ''))}:${message.lastLine ?? '?'}: ${message.message}\n    ${message.extract ?? ''}`);
    expect(report, report.slice(0, 20).join('\n')).toEqual([]);
  }, 240_000);
});
