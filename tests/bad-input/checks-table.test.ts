/**
 * The table of bad inputs in docs/checks.md, read as a test: each row either names a note that is put
 * through what the build does to a note, whose message must match the row's, or the test elsewhere
 * that builds or checks it. A row without a case here, or a case without a row, fails.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, test } from 'vitest';
import { noteChecker, type NoteChecker } from './note-check.ts';

const root = new URL('../../', import.meta.url);

/** A note's frontmatter, valid unless changed; `extra` lines go before the closing `---` (line 6 on). */
const head = (extra = '', { title = '测试笔记', topic = 'llm' } = {}) => `---\ntitle: ${title}\nsummary: 一句足够长的测试摘要，用来通过校验。\ntopic: ${topic}\ncreated: 2026-11-22\n${extra}---\n`;
const body = '\n第一段正文。\n';

type Case = { name: string; bytes: string | Uint8Array; warns?: true } | { covered: string; by: string };

const cases: Record<string, Case> = {
  'Broken YAML frontmatter': { name: 'bad-yaml.md', bytes: '---\ntitle: [unclosed\nsummary: 一句足够长的测试摘要。\n---\n正文\n' },
  'A field written twice': { name: 'note.md', bytes: head('title: 又一个标题\n') + body },
  'A tab as YAML indentation': { name: 'note.md', bytes: head('paper:\n\ttitle: X\n') + body },
  'Frontmatter never closed': { name: 'note.md', bytes: head().replace(/---\n$/, '') + body },
  'No frontmatter': { name: 'note.md', bytes: '# 标题\n\n正文。\n' },
  'Empty file': { name: 'empty.md', bytes: '' },
  'Frontmatter written twice': { name: 'note.md', bytes: head() + head() + body },
  'A date that does not exist': { name: 'note.md', bytes: head().replace('2026-11-22', '2025-02-30') + body },
  'Missing field': { name: 'no-summary.md', bytes: head().replace(/summary:.*\n/, '') + body },
  'A paper without a year': { name: 'note.md', bytes: head('paper:\n  title: X\n  authors: [A. Author]\n  url: https://arxiv.org/abs/2205.14135\n') + body },
  'Wrongly typed field': { name: 'note.md', bytes: head('tags: attention\n') + body },
  'Tag not kebab-case': { name: 'note.md', bytes: head('tags: [KV_Cache]\n') + body },
  'Unknown topic': { name: 'note.md', bytes: head('', { topic: 'nlp' }) + body },
  '`related` names no article': { name: 'note.md', bytes: head('related: [no-such-note]\n') + body },
  'Unknown field (a typo)': { name: 'note.md', bytes: head('xcode: https://github.com/a/b\n') + body },
  'A link field that is not a web address': { name: 'note.md', bytes: head('code: javascript:alert(document.domain)\n') + body },
  'Frontmatter but no text': { name: 'no-body.md', bytes: head() + '\n\n' },
  'Control, bidi-override, stray BOM or non-UTF-8 characters': { name: 'hidden-characters.md', bytes: head() + '\n正文\u0000。\n' },
  'A file saved as GBK or UTF-16': { name: 'gbk-note.md', bytes: new Uint8Array(iconv.encode(head() + body, 'gbk')) },
  'A note over 200,000 characters (a warning; it still builds)': { name: 'huge-note.md', bytes: head() + '\n' + '很长的正文，一句又一句。\n\n'.repeat(20_000), warns: true },
  'A code fence never closed': { name: 'open-fence.md', bytes: head() + '\n开头。\n\n```python\nprint(1)\n\n## 二\n\n后文。\n' },
  'A `$$` never closed': { name: 'open-math.md', bytes: head() + '\n开头。\n\n$$\na + b\n\n## 二\n\n后文。\n' },
  'A closing fence with text after it': { name: 'note.md', bytes: head() + '\n```python\nprint(1)\n```GAN 样本锐利，但训练不稳。\n\n## 二\n\n后文。\n' },
  'An HTML comment never closed': { name: 'note.md', bytes: head() + '\n开头。\n\n<!-- 待补充\n\n## 二\n\n后文。\n' },
  'A `$` without its partner (or `$$` closed by `$`)': { name: 'note.md', bytes: head() + '\n损失为 $\\mathcal{L} = -\\log p 。\n' },
  '`\\(` without `\\)`': { name: 'note.md', bytes: head() + '\n损失为 \\(\\mathcal{L} 。\n' },
  'A backtick without its partner': { name: 'note.md', bytes: head() + '\n调用 `torch.compile 即可。\n' },
  'Wikilink brackets that do not pair up': { name: 'note.md', bytes: head() + '\n见 [[[mla]] 一节。\n' },
  'A wikilink with more than one `|`': { name: 'note.md', bytes: head() + '\n见 [[mla||注意力]]。\n' },
  'A wikilink to a missing note or heading': { name: 'note.md', bytes: head() + '\n见 [[targt-note]]。\n' },
  'A link in the text that runs code': { name: 'note.md', bytes: head() + '\n[点我](javascript:alert(1))\n' },
  'TeX KaTeX cannot render': { name: 'bad-tex.md', bytes: head() + '\n公式 $\\frac{1}{2$ 坏了。\n' },
  'Unknown fence language': { name: 'bad-fence.md', bytes: head() + '\n```pyhton\nprint(1)\n```\n' },
  '`run` on a non-Python fence': { name: 'note.md', bytes: head() + '\n```bash run\necho 1\n```\n' },
  'Image without alt text': { name: 'note.md', bytes: head() + '\n![](/favicon.svg)\n' },
  'Image that does not exist': { name: 'note.md', bytes: head() + '\n![示意图](./missing.png)\n' },
  'Image from another site': { name: 'note.md', bytes: head() + '\n![示意图](https://example.com/a.png)\n' },
  'File name not kebab-case': { covered: 'a slug that is not kebab-case', by: 'tests/e2e/build-errors.test.ts' },
  'Slug collides with a route': { covered: 'a slug that collides with a route', by: 'tests/e2e/build-errors.test.ts' },
  'Duplicate slug': { covered: 'two files with one slug, naming both', by: 'tests/e2e/build-errors.test.ts' },
  'Duplicate alias': { covered: 'an alias two articles claim', by: 'tests/e2e/build-errors.test.ts' },
  'A published note linking to a draft': { covered: 'a published note linking to a draft fails the build', by: 'tests/e2e/build-errors.test.ts' },
  'Planned article now written': { covered: 'mla is written now; remove it from the planned list', by: 'tests/unit/planned.test.ts' },
  'Glossary: a note or heading that does not exist': { covered: 'a glossary term whose section does not exist', by: 'tests/e2e/build-errors.test.ts' },
  'Glossary: a planned note or (in a build) a draft': { covered: 'in a build, refuses a term that points at a draft', by: 'tests/unit/glossary.test.ts' },
  'Glossary: a name two terms claim': { covered: 'refuses a name two terms claim', by: 'tests/unit/glossary.test.ts' },
  'Glossary: no Chinese or no English name': { covered: 'refuses a term without a Chinese or an English name', by: 'tests/unit/glossary.test.ts' },
  'Glossary: an unknown field': { covered: 'refuses an unknown field, naming the closest one', by: 'tests/unit/glossary.test.ts' },
  'Glossary: an id that is not kebab-case, an id written twice, broken YAML': { covered: 'refuses an id that is not kebab-case, and YAML that does not parse', by: 'tests/unit/glossary.test.ts' },
  'Link to a missing article (after the build)': { covered: 'fails on a link in HTML to a missing page or id', by: 'tests/e2e/build-errors.test.ts' },
  'Link to a missing heading (after the build)': { covered: 'fails on a link in HTML to a missing page or id', by: 'tests/e2e/build-errors.test.ts' },
  'A `run` block that fails (tests)': { covered: 'exited with status 1', by: 'tests/code/run-blocks.test.ts' },
  'Something lost (after the build)': { covered: 'the completeness check after the build', by: 'tests/unit/check-complete.test.ts' },
};

/** The table's rows: the mistake, and the messages in its code spans (`\|` is a `|` in a table). */
function tableRows(): Array<{ mistake: string; messages: string[] }> {
  const docs = readFileSync(new URL('docs/checks.md', root), 'utf8');
  const table = docs.slice(docs.indexOf('| Mistake | Message |')).split('\n\n')[0].split('\n').slice(2).filter((row) => row.startsWith('|'));
  return table.map((row) => {
    const [mistake, message] = row.replace(/^\| | \|$/g, '').split(/(?<!\\) \| /);
    const spans = [...message.matchAll(/(`+)(?!`)([\s\S]+?)(?<!`)\1(?!`)/g)].map((match) => match[2].trim().replace(/\\\|/g, '|'));
    return { mistake: mistake.replace(/\\\|/g, '|'), messages: spans };
  });
}

/** A message of the table as a pattern: `N`/`M` a number, `…` and `<…>` any text. */
function patternOf(message: string): RegExp {
  const parts = message.split(/(<[^>]+>|…|\bN\b|\bM\b)/);
  return new RegExp(parts.map((part) => (part === 'N' || part === 'M' ? '\\d+' : part === '…' || /^<[^>]+>$/.test(part) ? '[\\s\\S]*?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join(''));
}

const rows = tableRows();
let checker: NoteChecker;
beforeAll(async () => {
  checker = await noteChecker(fileURLToPath(new URL('content', root)));
});

describe('the table of bad inputs in docs/checks.md', () => {
  test('has a case here for every row, and a row for every case', () => {
    expect(rows.map((row) => row.mistake).sort()).toEqual(Object.keys(cases).sort());
  });

  test.each(rows.filter((row) => 'name' in (cases[row.mistake] ?? {})))('$mistake: the build says what the row says', async ({ mistake, messages }) => {
    const item = cases[mistake] as Extract<Case, { name: string }>;
    const bytes = typeof item.bytes === 'string' ? new TextEncoder().encode(item.bytes) : item.bytes;
    const outcome = await checker.check(item.name, bytes);
    const said = outcome.kind === 'failed' ? outcome.messages.join('\n') : outcome.warnings.join('\n');
    expect(outcome.kind, said).toBe(item.warns ? 'rendered' : 'failed');
    // The messages of the row that are about this note (not the "(every URL field: …)" asides).
    const own = messages.filter((message) => message.includes(item.name) || message.startsWith('TeX:'));
    expect(own.length, `the row names ${item.name}`).toBeGreaterThan(0);
    for (const message of own) expect(said).toMatch(patternOf(message));
    // The oversized note takes seconds to render on a busy 2-core machine.
  }, 60_000);

  test.each(rows.filter((row) => 'by' in (cases[row.mistake] ?? {})))('$mistake: is tested where the row says', ({ mistake }) => {
    const item = cases[mistake] as Extract<Case, { by: string }>;
    expect(readFileSync(new URL(item.by, root), 'utf8')).toContain(item.covered);
  });
});
