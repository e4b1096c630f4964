import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundledLanguages } from 'shiki';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { aliasesFrom, convertBody, noteName, planImport, type Site, type SourceNote } from '../../src/authoring/import-notes.ts';
import { renderNote } from './render-note.ts';
import { articleSchema } from '../../src/content/schema.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');
const today = new Date('2026-11-30T08:00:00Z');
const isLanguage = (name: string) => name === 'text' || name in bundledLanguages;

/** An export folder as the script reads it: its notes, and every file in it. */
function exportOf(folder: string): { notes: SourceNote[]; files: Set<string> } {
  const root = path.join(fixtures, folder);
  const files = new Set(readdirSync(root, { recursive: true, encoding: 'utf8' }).map((file) => file.split(path.sep).join('/')));
  const notes = [...files].filter((file) => file.endsWith('.md')).sort().map((file) => ({ path: file, text: readFileSync(path.join(root, file), 'utf8') }));
  return { notes, files };
}

const site = (articles: string[] = ['mla']): Site => ({
  topics: ['llm', 'multimodal'],
  articles,
  formerSlugs: new Map(),
  planned: new Map(),
  names: new Map([['mla', 'mla'], ['从 mha、mqa、gqa 到 mla', 'mla']]),
});
const frontmatterOf = (text: string) => parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)![1]);
const bodyOf = (text: string) => text.slice(text.indexOf('\n---\n', 4) + 5);

describe('names', () => {
  test('a Notion export\'s page id leaves the note\'s name', () => {
    expect(noteName('DeepSeek LLM 9f8e7d6c5b4a39281706f5e4d3c2b1a0.md')).toBe('DeepSeek LLM');
    expect(noteName('sub/LLaDA 大语言扩散模型.md')).toBe('LLaDA 大语言扩散模型');
  });

  test.each([
    ['Chameleon：生成理解统一模型的开山之作', ['Chameleon', '生成理解统一模型的开山之作']],
    ['LLaDA 大语言扩散模型', ['LLaDA', '大语言扩散模型']],
    ['Normalizing Flow 与 Flow Matching', ['Normalizing Flow', 'Flow Matching']],
    ['Adam 与 AdamW', ['Adam', 'AdamW']],
    ['FPN（特征金字塔）', ['FPN', '特征金字塔']],
    ['Medusa', []],
  ])('aliases of %s', (title, aliases) => {
    expect(aliasesFrom(title)).toEqual(aliases);
  });
});

describe('a Notion export', () => {
  const { notes, files } = exportOf('notion');
  const plan = planImport(notes, files, site(), { topic: 'multimodal', today, isLanguage });
  const chameleon = plan.articles.find((article) => article.slug === 'chameleon')!;

  test('each note becomes a draft article with a valid frontmatter inferred from it', () => {
    expect(plan.articles.map((article) => article.slug)).toEqual(['chameleon', 'deepseek-llm']);
    const data = articleSchema({ topics: ['multimodal'], articles: [] }).parse(frontmatterOf(chameleon.text));
    expect(data).toMatchObject({
      title: 'Chameleon：生成理解统一模型的开山之作',
      topic: 'multimodal',
      aliases: ['Chameleon', '生成理解统一模型的开山之作'],
      draft: true,
      created: new Date('2026-11-30'),
    });
    expect(chameleon.text).toMatch(/^# imported from Chameleon：生成理解统一模型的开山之作 0c3b5d6e7f8091a2b3c4d5e6f7a8b9c0\.md: write the summary/m);
  });

  test('the title H1 leaves the body; # sections become ##; math is kept exactly as written', () => {
    const body = bodyOf(chameleon.text);
    expect(body).not.toMatch(/^# /m);
    expect(body).toMatch(/^## 训练稳定性$/m);
    expect(body).toMatch(/^### 与其他路线对比$/m);
    expect(body).toContain('\\(\\operatorname{softmax}\\big(\\mathrm{LN}(Q)\\,\\mathrm{LN}(K)^\\top/\\sqrt{d}\\big)\\)');
    expect(body).toContain('\\[\n\\mathcal{L} = -\\sum_t \\log p_\\theta(x_t \\mid x_{<t}) + 10^{-5}\\log^2 Z\n\\]');
  });

  test('callouts, bookmarks, links between notes and images are converted', () => {
    const body = bodyOf(chameleon.text);
    expect(body).toContain('> [!TIP]\n> 所有模态都表示为离散 token');
    expect(body).not.toContain('aside');
    expect(body).toContain('> [!WARNING]\n> z-loss 的系数很小');
    expect(body).toMatch(/^🔖 \[https:\/\/arxiv\.org\/pdf\/2405\.09818\]\(https:\/\/arxiv\.org\/pdf\/2405\.09818\)$/m);
    expect(body).toContain('前身工作见 [DeepSeek LLM](/deepseek-llm/) 的数据配方');
    expect(body).toContain('[Emu](https://arxiv.org/abs/2307.05222)');
    expect(body).toContain('![](./figure-1.png)');
    expect(body).toContain('![Chameleon 的早融合架构](./figure-2.png)');
    expect([...chameleon.images]).toEqual([
      ['Chameleon：生成理解统一模型的开山之作 0c3b5d6e7f8091a2b3c4d5e6f7a8b9c0/Untitled.png', 'figure-1.png'],
      ['Chameleon：生成理解统一模型的开山之作 0c3b5d6e7f8091a2b3c4d5e6f7a8b9c0/image 1.png', 'figure-2.png'],
    ]);
    const deepseek = bodyOf(plan.articles[1].text);
    expect(deepseek).toMatch(/^🔖 https:\/\/www\.deepseek\.com\/\n\nDeepSeek LLM 代码地址/m);
    expect(deepseek).toContain('> [!TIP]\n> Scaling Laws 与数据质量有关：数据越好，越应该把算力分给模型而不是数据。\n> 这能解释');
    expect(deepseek).toMatch(/^🔖 \[DeepSeek LLM: Scaling Open-Source Language Models with Longtermism\]\(https:\/\/arxiv\.org\/abs\/2401\.02954\)$/m);
  });

  test('what could not be converted is listed with its line', () => {
    expect(chameleon.problems).toEqual([
      'line 12: image figure-1.png has no alt text; describe it in the [] of ![](./figure-1.png)',
      'line 32: link to 注意力机制 1234567890abcdef1234567890abcdef.md leads to no imported note or site article; kept as text',
      'line 34: code language "mermaidjs" is unknown to the site\'s highlighter; marked text',
    ]);
    expect(bodyOf(chameleon.text)).toContain('早融合与 注意力机制 的关系');
    expect(bodyOf(chameleon.text)).toContain('```text\ngraph LR');
    expect(plan.skipped).toEqual([{ source: '注意力机制 1234567890abcdef1234567890abcdef.md', reason: expect.stringMatching(/no Latin letters.*--slug/) }]);
  });

  test('a note whose address is taken is skipped, never overwritten; --slug gives a Chinese-only note an address', () => {
    const again = planImport(notes, files, site(['mla', 'deepseek-llm']), { topic: 'multimodal', today, isLanguage });
    expect(again.articles.map((article) => article.slug)).toEqual(['chameleon']);
    expect(again.skipped[0]).toEqual({ source: 'DeepSeek LLM 9f8e7d6c5b4a39281706f5e4d3c2b1a0.md', reason: expect.stringMatching(/deepseek-llm\.md exists already and is never overwritten/) });
    const alone = planImport(notes.filter((note) => note.path.startsWith('注意力')), files, site(), { topic: 'llm', slug: 'attention', today, isLanguage });
    expect(alone.articles[0]).toMatchObject({ slug: 'attention', title: '注意力机制' });
    expect(() => planImport(notes, files, site(), { topic: 'llm', slug: 'attention', today, isLanguage })).toThrow(/--slug names one article/);
  });

  test('the converted note renders on the site: callouts, bookmark cards and math', async () => {
    // Without its images: the import leaves their alt text for the author to write, which the build then requires.
    const html = await renderNote(bodyOf(chameleon.text).replace(/!\[[^\]]*\]\([^)]*\)/g, ''), '/content/articles/chameleon/index.md');
    expect(html).toMatch(/<aside class="callout callout-tip"[^>]*role="note">/);
    expect(html).toMatch(/<aside class="callout callout-warning"/);
    expect(html).toContain('<span class="bookmark-text">arXiv 2405.09818</span>');
    expect(html.match(/class="katex-display"/g)).toHaveLength(1);
    expect(html).not.toContain('katex-error');
  });
});

describe('an Obsidian vault', () => {
  const { notes, files } = exportOf('obsidian');
  const plan = planImport(notes, files, site(), { topic: 'llm', today, isLanguage });
  const llada = plan.articles.find((article) => article.slug === 'llada')!;
  const medusa = plan.articles.find((article) => article.slug === 'medusa')!;

  test('the file name is the title when there is no H1', () => {
    expect(frontmatterOf(llada.text)).toMatchObject({ title: 'LLaDA 大语言扩散模型', aliases: ['LLaDA', '大语言扩散模型'] });
    expect(frontmatterOf(medusa.text).title).toBe('Medusa');
  });

  test('wikilinks lead to imported notes (with their headings) and site articles; embeds become images', () => {
    const body = bodyOf(llada.text);
    expect(body).toContain('推测解码见 [Medusa 的做法](/medusa/#推测解码)；注意力的改动见 [MLA](/mla/)，扩散的总体图景见 扩散模型综述。');
    expect(bodyOf(medusa.text)).toContain('与 [LLaDA](/llada/) 都在摆脱逐 token 解码');
    expect(body).toContain('![](./llada-masking.png)\n\n![](./figure-1.png)');
    expect([...llada.images.keys()]).toEqual(['attachments/llada-masking.png', 'attachments/Pasted image 20241122093015.png']);
    expect(llada.problems).toContain('line 18: [[扩散模型综述]] names no imported note or site article; kept as text');
  });

  test('its callouts are kept, and an emoji quote becomes one', () => {
    expect(bodyOf(llada.text)).toContain('> [!tip] 与 BERT 的区别\n> 掩码比例 $t$ 在 $[0,1]$ 上随机取');
    expect(bodyOf(llada.text)).toContain('> [!TIP]\n> 采样时从全掩码开始');
    expect(bodyOf(medusa.text)).toContain('> [!warning]- 接受率');
    expect(bodyOf(medusa.text)).toContain('🔖 https://github.com/FasterDecoding/Medusa');
  });
});

describe('conversion details', () => {
  const convert = (text: string) => convertBody(text, { source: 'n.md', link: () => undefined, image: () => undefined, isLanguage }).body;

  test('nothing inside code or display math is touched', () => {
    const text = '```python\n💡 = "[[not a link]]"\n# not a heading\n```\n\n$$\n[[a]] \\\\ 💡\n$$\n';
    expect(convert(text)).toBe(text);
  });

  test('a single-line Notion aside and an emoji inside a sentence', () => {
    expect(convert('<aside>⚠️ 学习率过大会发散</aside>')).toBe('> [!WARNING]\n> 学习率过大会发散\n');
    expect(convert('结论 💡 不是标注')).toBe('结论 💡 不是标注\n');
    expect(convert('✅ 复现成功\n\n❓ 为什么有效')).toBe('> [!success]\n> 复现成功\n\n> [!question]\n> 为什么有效\n');
  });
});

describe('the author\'s text survives the round trip through mdast', () => {
  const addresses: Record<string, string> = { 注意力机制: '/attention/', mla: '/mla/' };
  const convert = (text: string) =>
    convertBody(text, { source: 'n.md', link: (target) => addresses[target.toLowerCase()], image: (target) => (target.startsWith('missing') ? undefined : target), isLanguage });

  test('a typical Chinese note differs only by its conversions: nothing escaped, reformatted or re-padded', () => {
    const note = [
      'RoPE 把位置信息写进 query 和 key 的**旋转**里，而不是加到输入上：见 [[注意力机制#缩放点积|缩放点积注意力]]。',
      '',
      '## 公式',
      '',
      '对位置 $m$ 的向量 \\(x\\)，旋转矩阵 $R_{\\Theta,m}$ 作用在每两维上（`[[` 不是链接）：',
      '',
      '$$',
      'f(x, m) = R_{\\Theta,m} W x, \\quad \\theta_i = 10000^{-2i/d}',
      '$$',
      '',
      '\\[',
      '\\|R_{\\Theta,m}x\\| = \\|x\\|',
      '\\]',
      '',
      '相对位置只通过 $m-n$ 出现，*外推*时要小心，a_b 与 a*b、[0,1] 都照写；这是**粗体，**后文。',
      '',
      '| 方法 | 外推 | 备注 |',
      '| --- | :-: | --- |',
      '| RoPE | 一般 | 需要插值，`base` 可调 |',
      '| ALiBi | 好 | 线性偏置 *m* |',
      '',
      '## 实现',
      '',
      '- 复数形式：`torch.polar` 生成 $e^{i m\\theta}$；',
      '- 实数形式：两两交换后乘 `sin`/`cos`，见 [[注意力机制]]。',
      '  - 嵌套条目，带 snake_case、a*b 与 [0,1] 的写法',
      '',
      '1. 预计算 `freqs_cis`',
      '2. 逐层应用',
      '',
      '```python',
      '# [[不是链接]] 与 a_b * c',
      'x = cache[[0, 1]]',
      '```',
      '',
      '> [!tip] 插值',
      '> 长度外推时把 base 从 10000 调大，或做 NTK 插值。',
      '',
      '💡 位置编码只作用在 q、k 上，v 不变。',
      '',
    ].join('\n');
    const { body, problems } = convert(note);
    expect(body).toBe(
      note
        .replace('[[注意力机制#缩放点积|缩放点积注意力]]', '[缩放点积注意力](/attention/#缩放点积)')
        .replace('[[注意力机制]]', '[注意力机制](/attention/)')
        .replace('💡 位置编码', '> [!TIP]\n> 位置编码'),
    );
    expect(problems).toEqual([]);
  });

  test('inside a changed quote, list or table, what did not change is kept as written', () => {
    const { body } = convert([
      '> 引用里有 [[MLA]] 和 a_b、a*b：',
      '>',
      '> \\[',
      '> E = mc^2',
      '> \\]',
      '',
      '* 星号列表 a \\*[[MLA]]\\* b',
      '* 第二项 &nbsp;不变，`[[MLA]]` 也不变',
      '',
      '|模型|说明|',
      '|---|---|',
      '| MLA | 见 [[mla\\|MLA 一节]]，a_b |',
      '|其他|不变，*m* 与 [0,1]|',
      '',
    ].join('\n'));
    expect(body).toBe([
      '> 引用里有 [MLA](/mla/) 和 a_b、a*b：',
      '>',
      '> \\[',
      '> E = mc^2',
      '> \\]',
      '',
      // Bullets are the site's; the escapes and the character reference stay as the author wrote them.
      '- 星号列表 a \\*[MLA](/mla/)\\* b',
      '- 第二项 &nbsp;不变，`[[MLA]]` 也不变',
      '',
      '|模型|说明|',
      '|---|---|',
      '| MLA | 见 [MLA 一节](/mla/)，a_b |',
      '|其他|不变，*m* 与 [0,1]|',
      '',
    ].join('\n'));
  });

  test('code blocks come back byte for byte, blank lines included; a renamed language keeps its fence', () => {
    const code = '```python\nimport numpy as np\n\n\ndef f(x):\n    return x\n```\n';
    expect(convert(code).body).toBe(code);
    expect(convert('~~~~mermaidjs title="图"\ngraph LR; A-->B\n~~~~\n').body).toBe('~~~~text title="图"\ngraph LR; A-->B\n~~~~\n');
  });

  test('a Notion aside with several blocks becomes one callout holding them all', () => {
    expect(convert('<aside>\n📌 **要点**：见 [[MLA]]。\n\n- 列表一\n- 列表二\n</aside>\n\n后文\n').body).toBe(
      '> [!NOTE]\n> **要点**：见 [MLA](/mla/)。\n>\n> - 列表一\n> - 列表二\n\n后文\n',
    );
  });

  test('a 🔖 address written straight after the emoji gets a paragraph of its own', () => {
    expect(convert('🔖https://example.com/a 写在句中，后面还有字。').body).toBe('🔖 https://example.com/a\n\n写在句中，后面还有字。\n');
  });

  test('problems come in the order of the note\'s lines; code, math and autolinks are not taken for HTML or links', () => {
    const { body, problems } = convert([
      '用 `<noinput>` 与 `[[MLA]]` 标记，见 <https://example.com>。',
      '',
      '~~~mermaidjs',
      'graph',
      '~~~',
      '',
      '![[missing.png]] 与 ![[Note]] 与 ![[MLA]]，<span>行内</span>',
      '',
      '```python',
      'unclosed',
    ].join('\n'));
    expect(body).toContain('用 `<noinput>` 与 `[[MLA]]` 标记，见 <https://example.com>。');
    expect(body).toContain('<!-- TODO 图片 missing.png 不在导出的文件里 --> 与 Note 与 [MLA](/mla/)，<span>行内</span>');
    expect(problems).toEqual([
      'line 3: code language "mermaidjs" is unknown to the site\'s highlighter; marked text',
      'line 7: image "missing.png" is not in the export; left as a TODO comment',
      'line 7: embedded note ![[Note]] cannot be transcluded; kept as text',
      'line 7: embedded note ![[MLA]] cannot be transcluded; linked instead',
      'line 7: HTML <span> kept as it is; check how it renders',
      'a code fence is never closed; check the end of the note',
    ]);
  });
});

describe('npm run import', { timeout: 30_000 }, () => {
  function content() {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-'));
    mkdirSync(path.join(dir, 'articles'));
    writeFileSync(path.join(dir, 'topics.yaml'), 'llm:\n  name: 大语言模型\nmultimodal:\n  name: 多模态\n');
    writeFileSync(path.join(dir, 'articles', 'mla.md'), '---\ntitle: 从 MHA、MQA、GQA 到 MLA\naliases: [MLA]\n---\n');
    return dir;
  }
  const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, ['scripts/import-notes.ts', ...args], { env: { ...process.env, CONTENT_DIR: dir }, encoding: 'utf8' });

  test('writes the articles and their images, prints what to check, and never overwrites on a second run', () => {
    const dir = content();
    const first = run(dir, path.join(fixtures, 'obsidian'), '--topic', 'llm');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/wrote .*articles\/llada\/index\.md ← LLaDA 大语言扩散模型\.md \(\+2 images\)/);
    expect(first.stdout).toMatch(/wrote .*articles\/medusa\.md ← Medusa\.md/);
    expect(first.stdout).toContain('  line 18: [[扩散模型综述]] names no imported note or site article; kept as text');
    expect(readFileSync(path.join(dir, 'articles', 'llada', 'llada-masking.png'))).toEqual(readFileSync(path.join(fixtures, 'obsidian', 'attachments', 'llada-masking.png')));
    const written = readFileSync(path.join(dir, 'articles', 'medusa.md'), 'utf8');

    const second = run(dir, path.join(fixtures, 'obsidian'), '--topic', 'llm');
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/skipped Medusa\.md: content\/articles\/medusa\.md exists already and is never overwritten/);
    expect(readFileSync(path.join(dir, 'articles', 'medusa.md'), 'utf8')).toBe(written);
  });

  test('--dry-run writes nothing; a missing topic, or --slug for a folder, is refused', () => {
    const dir = content();
    const dry = run(dir, path.join(fixtures, 'notion'), '--topic', 'multimodal', '--dry-run');
    expect(dry.stdout).toMatch(/would write .*chameleon\/index\.md/);
    expect(existsSync(path.join(dir, 'articles', 'chameleon'))).toBe(false);
    const slugForMany = run(dir, path.join(fixtures, 'notion'), '--topic', 'llm', '--slug', 'one');
    expect(slugForMany.status).toBe(1);
    expect(slugForMany.stderr).toMatch(/^npm run import: --slug names one article, but 3 notes were given/m);
    const noTopic = run(dir, path.join(fixtures, 'notion'));
    expect(noTopic.status).toBe(1);
    expect(noTopic.stderr).toContain('choose a topic with --topic <id>, one of: llm, multimodal');
  });

  test('one note from an export folder, with --slug', () => {
    const dir = content();
    cpSync(path.join(fixtures, 'notion'), path.join(dir, 'export'), { recursive: true });
    const result = run(dir, path.join(dir, 'export', '注意力机制 1234567890abcdef1234567890abcdef.md'), '--topic', 'llm', '--slug', 'attention');
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(dir, 'articles', 'attention.md'), 'utf8')).toMatch(/^---\ntitle: 注意力机制\n[\s\S]*\n---\n\n\\\(\\operatorname\{Attention\}/);
  });
});
