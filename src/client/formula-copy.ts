/**
 * Formulas a reader can take away. KaTeX's copy-tex extension makes a selection that includes
 * formulas copy their TeX (`$…$`, `$$…$$`) instead of the glyphs; and each display formula gets a
 * "复制 TeX" button, out of the text's way until the formula is hovered or the button focused. The
 * TeX is KaTeX's own annotation in the formula's MathML, so it is exactly what the note wrote.
 */
import 'katex/contrib/copy-tex';

function texOf(display: Element): string | undefined {
  return display.querySelector('annotation[encoding="application/x-tex"]')?.textContent?.trim();
}

if (navigator.clipboard) {
  for (const display of document.querySelectorAll<HTMLElement>('.katex-display')) {
    const tex = texOf(display);
    if (!tex) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-tex';
    button.textContent = '复制 TeX';
    button.setAttribute('data-pagefind-ignore', '');
    button.addEventListener('click', async () => {
      const done = await navigator.clipboard.writeText(tex).then(() => true, () => false);
      button.textContent = done ? '已复制' : '复制失败';
      setTimeout(() => (button.textContent = '复制 TeX'), 2000);
    });
    display.classList.add('has-copy-tex');
    display.append(button);
  }
}
