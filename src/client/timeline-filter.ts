/**
 * `<timeline-filter>`: shows the topic buttons (hidden without script, since they need it) and
 * keeps only the entries of the chosen topic, hiding years left empty. The choice lives in
 * `?topic=` so a filtered timeline can be shared; on a timeline of several pages it filters the page
 * shown, and the links to the other pages carry the choice along.
 */
class TimelineFilter extends HTMLElement {
  connectedCallback() {
    const fieldset = this.querySelector('fieldset')!;
    const status = this.querySelector('[role="status"]')!;
    fieldset.hidden = false;
    const apply = (topic: string, announce: boolean) => {
      let shown = 0;
      for (const item of this.querySelectorAll<HTMLElement>('.timeline-item')) {
        item.hidden = topic !== '' && item.dataset.topic !== topic;
        if (!item.hidden) shown++;
      }
      for (const year of this.querySelectorAll<HTMLElement>('.timeline-year')) {
        year.hidden = !year.querySelector('.timeline-item:not([hidden])');
      }
      if (announce) status.textContent = `显示 ${shown} 条`;
      for (const link of this.querySelectorAll<HTMLAnchorElement>('.pagination a')) {
        const url = new URL(link.href);
        if (topic) url.searchParams.set('topic', topic);
        else url.searchParams.delete('topic');
        link.href = url.href;
      }
    };
    const initial = new URLSearchParams(location.search).get('topic') ?? '';
    const radio = fieldset.querySelector<HTMLInputElement>(`input[value="${CSS.escape(initial)}"]`);
    if (radio) {
      radio.checked = true;
      apply(initial, false);
    }
    fieldset.addEventListener('change', (event) => {
      const topic = (event.target as HTMLInputElement).value;
      const url = new URL(location.href);
      if (topic) url.searchParams.set('topic', topic);
      else url.searchParams.delete('topic');
      history.replaceState(null, '', url);
      apply(topic, true);
    });
  }
}

customElements.define('timeline-filter', TimelineFilter);
