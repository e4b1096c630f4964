import type { Element, ElementContent, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

const languageNames: Record<string, string> = {
  python: 'Python', py: 'Python', bash: 'Bash', sh: 'Shell', shell: 'Shell', console: 'Shell',
  javascript: 'JavaScript', js: 'JavaScript', typescript: 'TypeScript', ts: 'TypeScript',
  json: 'JSON', yaml: 'YAML', toml: 'TOML', cpp: 'C++', c: 'C', cuda: 'CUDA', rust: 'Rust',
  go: 'Go', java: 'Java', sql: 'SQL', markdown: 'Markdown', md: 'Markdown', latex: 'LaTeX', tex: 'TeX',
  text: '文本', plaintext: '文本', txt: '文本', diff: 'Diff', html: 'HTML', css: 'CSS',
};

/** Display name of a fence language, e.g. `py` → `Python`. */
export function languageLabel(language: string): string {
  return languageNames[language.toLowerCase()] ?? language;
}

/**
 * Wraps each highlighted code block in a figure whose caption names the file (when the fence gives
 * a title), the language and, for a `run` block, a "verified" mark, and holds a copy button. The button stays hidden until the
 * `copy-button` element's script runs, so a page without JavaScript shows no dead control.
 */
export default function rehypeCodeFigure() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'pre' || index === undefined || !parent) return;
      const language = String(node.properties['dataLanguage'] ?? '');
      if (!language) return;
      // Shiki's transformer sets the attribute by its HTML name; parsed HTML would carry it as dataTitle.
      const title = node.properties['data-title'] ?? node.properties['dataTitle'];
      delete node.properties['data-title'];
      delete node.properties['dataTitle'];
      const runs = node.properties['data-run'] !== undefined || node.properties['dataRun'] !== undefined;
      delete node.properties['data-run'];
      delete node.properties['dataRun'];
      const caption: ElementContent[] = [];
      if (title) caption.push(span('code-title', String(title)));
      // The tests execute this block (see tests/code/run-blocks.test.ts); the mark tells the reader it runs as printed.
      if (runs) caption.push({ ...span('code-verified', '✓ 已验证'), properties: { className: ['code-verified'], title: '测试会运行这段代码，确认它能照原样跑通（Python 标准库 + NumPy）' } });
      caption.push(span('code-language', languageLabel(language)));
      caption.push({
        type: 'element',
        tagName: 'copy-button',
        properties: {},
        children: [{
          type: 'element',
          tagName: 'button',
          properties: { type: 'button', className: ['copy-button'], hidden: true, ariaLabel: title ? `复制代码：${title}` : '复制代码' },
          children: [{ type: 'text', value: '复制' }],
        }],
      });
      const figure: Element = {
        type: 'element',
        tagName: 'figure',
        properties: { className: ['code-block'] },
        children: [
          { type: 'element', tagName: 'figcaption', properties: { className: ['code-caption'], dataPagefindIgnore: '' }, children: caption },
          node,
        ],
      };
      parent.children[index] = figure;
      return SKIP;
    });
  };
}

function span(className: string, text: string): Element {
  return { type: 'element', tagName: 'span', properties: { className: [className] }, children: [{ type: 'text', value: text }] };
}
