/**
 * `<citation-copy>`: the 复制 button of each citation copies the text shown above it (the `<pre>` of
 * its figure), says so on the button for a moment and announces it in the element's live region.
 * Without script, or without a clipboard (a page served over plain HTTP), the buttons stay hidden and
 * the text is there to select.
 */
class CitationCopy extends HTMLElement {
  #timers = new Map<Element, ReturnType<typeof setTimeout>>();

  connectedCallback() {
    const buttons = this.querySelectorAll<HTMLButtonElement>('button.copy-button');
    if (!navigator.clipboard) {
      for (const button of buttons) button.remove();
      return;
    }
    for (const button of buttons) button.hidden = false;
    this.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button.copy-button');
      if (button) void this.copy(button);
    });
  }

  async copy(button: HTMLButtonElement) {
    const text = button.closest('figure')?.querySelector('pre')?.textContent ?? '';
    const label = button.closest('figure')?.querySelector('figcaption .citation-label')?.textContent ?? '';
    const done = await navigator.clipboard.writeText(text).then(() => true, () => false);
    button.textContent = done ? '已复制' : '复制失败';
    this.later(button, () => (button.textContent = '复制'));
    const status = this.querySelector('.citation-status');
    if (!status) return;
    status.textContent = done ? `已复制${label}` : `复制失败，请选中${label}手动复制`;
    this.later(status, () => (status.textContent = ''));
  }

  /** Puts `element` back as it was in two seconds, unless it changes again meanwhile. */
  later(element: Element, undo: () => void) {
    clearTimeout(this.#timers.get(element));
    this.#timers.set(element, setTimeout(undo, 2000));
  }
}

customElements.define('citation-copy', CitationCopy);
