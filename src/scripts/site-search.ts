/**
 * `<site-search>`: full-text search over the Pagefind index, used in the search dialog and on
 * /search/. Pagefind's own script and index load on first use only, so pages stay light.
 * With `sync-url`, the query lives in `?q=` so a search can be pasted into a chat; with
 * `query-from-path` (the 404 page), the missing address is searched for.
 */
interface PagefindSubResult { title: string; url: string; excerpt: string; weighted_locations?: Array<{ weight: number }> }
interface PagefindData { url: string; excerpt: string; meta: Record<string, string>; sub_results?: PagefindSubResult[] }
interface Pagefind {
  init(): Promise<void>;
  options(options: Record<string, unknown>): Promise<void>;
  search(query: string): Promise<{ results: Array<{ id: string; data(): Promise<PagefindData> }> } | null>;
}

let pagefindPromise: Promise<Pagefind> | undefined;
function loadPagefind(): Promise<Pagefind> {
  const url = '/pagefind/pagefind.js';
  pagefindPromise ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (pagefind) => {
    await pagefind.options({ excerptLength: 40 });
    await pagefind.init();
    return pagefind;
  });
  return pagefindPromise;
}

/** The section that matched best, so a result can open the article right there. */
function bestSection(data: PagefindData): PagefindSubResult | undefined {
  const sections = (data.sub_results ?? []).filter((sub) => sub.url.includes('#'));
  const score = (sub: PagefindSubResult) => (sub.weighted_locations ?? []).reduce((sum, location) => sum + location.weight, 0);
  return sections.sort((a, b) => score(b) - score(a))[0];
}

/** On the 404 page: the words of the address that was not found, e.g. `/flash-atention/` → `flash atention`. */
function queryFromPath(pathname: string): string {
  return decodeURIComponent(pathname).split('/').filter(Boolean).at(-1)?.replace(/\.html?$/, '').replace(/[-_]+/g, ' ').trim() ?? '';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

class SiteSearch extends HTMLElement {
  #input!: HTMLInputElement;
  #status!: HTMLElement;
  #list!: HTMLOListElement;
  #latest = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback() {
    this.#input = this.querySelector('input')!;
    this.#status = this.querySelector('[data-status]')!;
    this.#list = this.querySelector('ol')!;
    this.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#list.querySelector<HTMLAnchorElement>('a')?.click();
    });
    this.#input.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.run(), 120);
    });
    this.#input.addEventListener('focus', () => void loadPagefind(), { once: true });
    this.addEventListener('keydown', (event) => this.#moveFocus(event));
    const query = this.hasAttribute('sync-url')
      ? new URLSearchParams(location.search).get('q')
      : this.hasAttribute('query-from-path') ? queryFromPath(location.pathname) : null;
    if (query) {
      this.#input.value = query;
      void this.run();
    }
  }

  focusInput() {
    this.#input.focus();
    this.#input.select();
  }

  async run() {
    const query = this.#input.value.trim();
    const ticket = ++this.#latest;
    if (this.hasAttribute('sync-url')) {
      const url = new URL(location.href);
      if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
      history.replaceState(null, '', url);
    }
    if (!query) {
      this.#list.replaceChildren();
      this.#status.textContent = '';
      return;
    }
    this.#status.textContent = '搜索中…';
    let results: PagefindData[];
    try {
      const pagefind = await loadPagefind();
      const search = await pagefind.search(query);
      results = await Promise.all((search?.results ?? []).slice(0, 10).map((result) => result.data()));
    } catch {
      if (ticket === this.#latest) this.#status.textContent = '搜索索引加载失败：请用 npm run build 构建站点后再试。';
      return;
    }
    if (ticket !== this.#latest) return;
    this.#status.textContent = results.length ? `找到 ${results.length} 篇笔记` : `没有找到与“${query}”相关的笔记`;
    this.#list.innerHTML = results.map((data) => this.#render(data)).join('');
  }

  #render(data: PagefindData): string {
    const section = bestSection(data);
    const href = section?.url ?? data.url;
    const sectionLine = section ? `<span class="result-section">› ${escapeHtml(section.title)}</span>` : '';
    // Pagefind's excerpts are escaped text with <mark> around matches, safe to insert as HTML.
    return `<li class="search-result">
      <a class="result-link" href="${escapeHtml(href)}"><span class="result-title">${escapeHtml(data.meta.title ?? data.url)}</span> ${sectionLine}</a>
      ${data.meta.topic ? `<span class="result-topic">${escapeHtml(data.meta.topic)}</span>` : ''}
      <p class="result-excerpt">${section?.excerpt ?? data.excerpt}</p>
    </li>`;
  }

  /** Up and down arrows walk between the query and the results. */
  #moveFocus(event: KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const stops = [this.#input, ...this.#list.querySelectorAll<HTMLAnchorElement>('a.result-link')];
    const index = stops.indexOf(document.activeElement as HTMLAnchorElement);
    if (index === -1) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? Math.min(index + 1, stops.length - 1) : Math.max(index - 1, 0);
    stops[next].focus();
  }
}

customElements.define('site-search', SiteSearch);
