/**
 * Synthetic notes that look like this site's: Chinese prose with English terms (~3,000 characters),
 * ~20 inline and display formulas (aligned, \frac, \sum, \mathbb), 2 code blocks, 5 headings, full
 * frontmatter and links between notes. Deterministic (seeded), so two runs build the same corpus.
 *
 *   node scripts/bench/corpus.ts <N> <content-folder> [--no-math] [--plain-code]
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface CorpusOptions {
  /** Formulas written as plain text instead, to measure what math costs. */
  math: boolean;
  /** Code fences as `text`, to measure what highlighting costs. */
  highlight: boolean;
}

const topics = ['llm', 'multimodal', 'generative', 'systems', 'vision', 'classic-ml'];
const terms = ['attention', 'KV cache', 'softmax', 'LoRA', 'MoE', 'RoPE', 'FlashAttention', 'FP8', 'tokenizer', 'SFT', 'DPO', 'CLIP', 'ViT', 'diffusion', 'VAE', 'GBDT', 'Adam', 'batch', 'gradient', 'embedding'];
const words = ['模型', '训练', '推理', '注意力', '显存', '梯度', '损失函数', '分布', '采样', '参数', '序列', '向量', '矩阵', '优化', '数据', '评测', '对齐', '压缩', '缓存', '精度', '吞吐', '延迟', '结构', '方法', '实验'];
const glue = ['的', '在', '通过', '把', '可以', '因此', '同时', '并且', '也就是', '相比之下', '换句话说', '进一步'];
const inline = [
  String.raw`\frac{QK^\top}{\sqrt{d_k}}`, String.raw`\sum_{i=1}^{n} x_i`, String.raw`\mathbb{E}_{x\sim p}[f(x)]`, String.raw`\mathbb{R}^{d\times k}`,
  String.raw`\operatorname{softmax}(z)_i`, String.raw`\nabla_\theta \mathcal{L}`, String.raw`O(N^2 d)`, String.raw`W\in\mathbb{R}^{m\times n}`,
];
const display = [
  String.raw`\begin{aligned}
m_i &= \max(m_{i-1}, \max_j s_{ij}) \\
\ell_i &= e^{m_{i-1}-m_i}\,\ell_{i-1} + \sum_j e^{s_{ij}-m_i}
\end{aligned}`,
  String.raw`\mathcal{L}(\theta) = -\mathbb{E}_{(x,y)\sim\mathcal{D}}\left[\log \frac{e^{s(x,y)/\tau}}{\sum_{y'} e^{s(x,y')/\tau}}\right]`,
  String.raw`\begin{aligned}
q(x_t\mid x_0) &= \mathcal{N}\big(\sqrt{\bar\alpha_t}\,x_0,\ (1-\bar\alpha_t) I\big) \\
\bar\alpha_t &= \prod_{s=1}^{t} (1-\beta_s)
\end{aligned}`,
  String.raw`F_m(x) = F_{m-1}(x) + \nu \sum_{j=1}^{J} \gamma_{jm}\, \mathbb{1}(x\in R_{jm})`,
];

function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function syntheticNote(index: number, count: number, options: CorpusOptions): string {
  const next = random(index + 1);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const math = (tex: string) => (options.math ? `$${tex}$` : tex.replace(/[\\{}^_$]/g, ' '));
  const sentence = () => {
    let text = '';
    for (let i = 0; i < 6; i++) text += pick(glue) + pick(words) + (next() < 0.4 ? ` ${pick(terms)} ` : '');
    return text + '。';
  };
  const paragraph = (formulas: number) => {
    let text = '';
    for (let i = 0; i < 4; i++) text += sentence() + (i < formulas ? `记 ${math(pick(inline))}，` : '');
    return text;
  };
  const link = (offset: number) => `[第 ${(index + offset) % count} 篇笔记](/note-${(index + offset) % count}/)`;
  const fence = options.highlight ? 'python' : 'text';
  const sections = ['动机', '方法', '推导', '实现', '小结'].map((heading, s) => {
    const body = [paragraph(2), paragraph(2)];
    if (s === 1 || s === 2) body.push(options.math ? `$$\n${display[(index + s) % display.length]}\n$$` : display[(index + s) % display.length].replace(/[\\{}^_&]/g, ' '));
    if (s === 3) body.push(`\`\`\`${fence} title="note_${index}.py"\nimport numpy as np\n\ndef attention(q, k, v):\n    s = q @ k.T / np.sqrt(q.shape[-1])\n    p = np.exp(s - s.max(-1, keepdims=True))\n    return (p / p.sum(-1, keepdims=True)) @ v\n\`\`\``, `\`\`\`${fence}\nfor step in range(1000):\n    loss = model(batch)\n    loss.backward()\n    optimizer.step()\n\`\`\``);
    if (s === 4) body.push(`延伸阅读：${link(1)}、${link(7)}。`);
    // A quarter of the notes fix the id of one section, which then gets a preview card of its own (the real notes: 2 of 49).
    const fixedId = s === 1 && index % 4 === 0 ? ' {#method}' : '';
    return `## ${heading}${fixedId}\n\n${body.join('\n\n')}\n`;
  });
  const frontmatter = [
    '---',
    `title: 合成笔记 ${index}`,
    `summary: 第 ${index} 篇合成笔记，用来测量构建与搜索在大量文章下的表现，内容由脚本生成。`,
    `topic: ${topics[index % topics.length]}`,
    `tags: [${pick(['attention', 'training', 'inference'])}, tag-${index % 40}]`,
    `aliases: [Synthetic ${index}]`,
    'paper:',
    `  title: "Synthetic Paper ${index}"`,
    '  authors: [Ada Example, Ben Sample]',
    `  url: https://arxiv.org/abs/2401.${String(10000 + index).slice(-5)}`,
    `  arxiv: "2401.${String(10000 + index).slice(-5)}"`,
    '  venue: NeurIPS 2024',
    '  year: 2024',
    'code: https://github.com/example/synthetic',
    'org: Example Lab',
    'created: 2026-01-01',
    'updated: 2026-02-01',
    `related: [note-${(index + 3) % count}]`,
    '---',
  ].join('\n');
  return `${frontmatter}\n\n${paragraph(1)}\n\n${sections.join('\n')}`;
}

/** Writes N notes and the site's topics into a fresh content folder. */
export function writeCorpus(count: number, folder: string, options: CorpusOptions) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(path.join(folder, 'articles'), { recursive: true });
  copyFileSync(path.resolve(import.meta.dirname, '../../content/topics.yaml'), path.join(folder, 'topics.yaml'));
  for (let i = 0; i < count; i++) writeFileSync(path.join(folder, 'articles', `note-${i}.md`), syntheticNote(i, count, options));
}

if (import.meta.main) {
  const [count, folder] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  if (!count || !folder) {
    console.error('usage: node scripts/bench/corpus.ts <N> <content-folder> [--no-math] [--plain-code]');
    process.exit(1);
  }
  writeCorpus(Number(count), folder, { math: !process.argv.includes('--no-math'), highlight: !process.argv.includes('--plain-code') });
  console.log(`wrote ${count} notes to ${folder}`);
}
