/**
 * `<term-filter>`: shows the filter box of /terms/ (hidden without script, where every term stays
 * listed) and, as the reader types, keeps the terms one of whose names, Chinese or English, contains
 * what was typed, in any case and width. Topics left without a term are hidden, as is the list of
 * topics while a filter is on, and a status line says how many terms are shown.
 */
const keyOf = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

class TermFilter extends HTMLElement {
  connectedCallback() {
    const box = this.querySelector<HTMLElement>('.term-filter')!;
    const input = box.querySelector('input')!;
    const status = this.querySelector('[role="status"]')!;
    const empty = this.querySelector<HTMLElement>('.term-empty')!;
    const terms = [...this.querySelectorAll<HTMLElement>('.term')];
    const groups = [...this.querySelectorAll<HTMLElement>('.term-group')];
    const topics = this.querySelector<HTMLElement>('.term-topics')!;
    box.hidden = false;
    const apply = () => {
      const query = keyOf(input.value);
      let shown = 0;
      for (const term of terms) {
        term.hidden = query !== '' && !(term.dataset.names ?? '').includes(query);
        if (!term.hidden) shown++;
      }
      for (const group of groups) group.hidden = !group.querySelector('.term:not([hidden])');
      // Its counts and links are for the whole list.
      topics.hidden = query !== '';
      empty.hidden = shown > 0;
      empty.querySelector('q')!.textContent = input.value.trim();
      const search = empty.querySelector('a')!;
      search.search = query ? `?q=${encodeURIComponent(input.value.trim())}` : '';
      status.textContent = query === '' ? '' : `显示 ${shown} 个术语`;
    };
    // Typing pinyin into an input method is not yet the name; filter when the characters land.
    input.addEventListener('input', (event) => {
      if (!(event as InputEvent).isComposing) apply();
    });
    input.addEventListener('compositionend', apply);
    // A value the browser restored (back to the page) filters at once.
    if (input.value) apply();
  }
}

customElements.define('term-filter', TermFilter);
