/**
 * `<site-search>`: full-text search over the Pagefind index, in the search dialog and on /search/.
 * This module and Pagefind's index load only when search is used (the dialog imports it on open).
 * With `sync-url` (the search page) the query and the filters live in the address
 * (`/search/?q=…&topic=…&tag=…&year=…`) and facets are shown; with `query-from-path` (the 404
 * page) the missing address is searched for.
 */
import { assetUrl, homeUrl, searchNamesUrl, searchPartsPath, searchScriptPath, withoutBase } from '../lib/urls.ts';
import type { SearchNames } from '../site/search-names.ts';
import { chineseStops, excerptOpening, indexNames, isNamed, namedFirst, noNames, planQuery, ranking, searchPlan, shorterQueries, tellingMarks, wordSegmenter, type Filters, type Hit, type NameIndex, type Outcome } from './search-query.ts';

interface SubResult { title: string; url: string; excerpt: string; weighted_locations?: Array<{ weight: number }> }
interface ResultData { url: string; excerpt: string; meta: Record<string, string>; filters?: Record<string, string[]>; sub_results?: SubResult[] }
interface PagefindHit extends Hit { data(): Promise<ResultData> }
type SearchFn = (term: string | null, selected: Filters) => Promise<{ results: PagefindHit[]; filters: Record<string, Record<string, number>> } | null>;
interface Pagefind {
  init(): Promise<void>;
  preload(term: string): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(url: string, options: Record<string, unknown>): Promise<void>;
  search(query: string | null, options?: { filters?: Record<string, { any: string[] }> }): Promise<{ results: PagefindHit[]; filters: Record<string, Record<string, number>> } | null>;
}

/** The filters a reader can combine, in the order the facets are shown, and their URL keys. */
const facetNames = { topic: '主题', tag: '标签', year: '论文年份' } as const;
type Facet = keyof typeof facetNames;
const facets = Object.keys(facetNames) as Facet[];
/** Words of the query that the landing page highlights travel in this URL parameter. */
const highlightParam = 'highlight';
const shownResults = 12;
/**
 * Results shown as soon as they are in; the rest follow. Each needs its own fragment file, which
 * Pagefind unpacks and cuts excerpts from on the page's thread (about 20 ms a result on this machine),
 * but three are too few: the note a query names is lifted to the top from among these (namedFirst),
 * and with three the suite's recall@1 fell from 0.994 to 0.983.
 */
const firstBatch = 5;
const shownTags = 16;

let pagefindPromise: Promise<Pagefind> | undefined;
/**
 * Pagefind, with every part of the index merged (src/integrations/search-index.ts: a large site's
 * index comes in parts, listed in searchPartsPath()); a search waits for all of them.
 */
function loadPagefind(): Promise<Pagefind> {
  const url = assetUrl(searchScriptPath());
  pagefindPromise ??= Promise.all([import(/* @vite-ignore */ url) as Promise<Pagefind>, loadParts()]).then(async ([pagefind, parts]) => {
    // Pagefind indexed dist/ from its root; result addresses need the base path in front.
    const options = { excerptLength: 36, ranking, baseUrl: homeUrl() };
    await pagefind.options({ ...options, noWorker: true });
    await pagefind.init();
    // Pagefind has asked for its entry file: the thread would wait for it idle, so the word
    // segmenter that planning the query and Pagefind both need is made now.
    wordSegmenter();
    await Promise.all(parts.map((part) => pagefind.mergeIndex(assetUrl(part), options)));
    return pagefind;
  }).catch((error: unknown) => {
    // Try again on the next search: the reader may be back online by then.
    pagefindPromise = undefined;
    throw error;
  });
  return pagefindPromise;
}

/** The folders of the index's other parts: without them a search would miss their notes, so it fails instead. */
function loadParts(): Promise<string[]> {
  return fetch(assetUrl(searchPartsPath())).then((response) => (response.ok ? (response.json() as Promise<string[]>) : Promise.reject(new Error(response.statusText))));
}

let namesPromise: Promise<NameIndex> | undefined;
/**
 * The other names of every subject and the pinyin of the Chinese ones (src/site/search-names.ts),
 * loaded with the index. Without them search still works, by the index's words alone.
 */
function loadNames(): Promise<NameIndex> {
  namesPromise ??= fetch(searchNamesUrl())
    .then((response) => (response.ok ? (response.json() as Promise<SearchNames>) : Promise.reject(new Error(response.statusText))))
    .then(indexNames)
    .catch(() => {
      namesPromise = undefined;
      return noNames;
    });
  return namesPromise;
}

/**
 * Whether loading what a search needs has settled, in or failed: until then a search waits for it
 * rather than for a pause in typing. After a failure (offline) searches wait for the pause again, so
 * typing does not retry the download at every key.
 */
let searchSettled = false;
/** Everything a search needs, fetched side by side as soon as the reader shows the intent to search. */
function loadSearch(): Promise<[Pagefind, NameIndex]> {
  return Promise.all([loadPagefind(), loadNames()]).finally(() => {
    searchSettled = true;
  });
}

/** Starts fetching what a search needs; the search dialog calls it when the reader shows the intent to search. */
export function prepareSearch(): Promise<unknown> {
  return loadSearch();
}

/**
 * Whether the site answers at all. `navigator.onLine` alone cannot say why the index failed to load:
 * it is true on a network that reaches nothing, and browsers differ in what they report under
 * emulation. A HEAD request passes the service worker by (it answers GETs only), so it asks the
 * network itself.
 */
async function siteReachable(): Promise<boolean> {
  if (!navigator.onLine) return false;
  try {
    await fetch(assetUrl(searchScriptPath()), { method: 'HEAD', cache: 'no-store' });
    return true;
  } catch {
    return false;
  }
}

/** Pagefind counts results per filter value only once its filter index is loaded; facets wait for it, results do not. */
let filtersPromise: Promise<unknown> | undefined;
function loadFilters(): Promise<unknown> {
  filtersPromise ??= loadPagefind().then((pagefind) => pagefind.filters());
  return filtersPromise;
}

const sectionScore = (sub: SubResult) => (sub.weighted_locations ?? []).reduce((sum, location) => sum + location.weight, 0);

/** The sections of a note that matched, best first (the note's own top is not a section). */
function sections(data: ResultData): SubResult[] {
  return (data.sub_results ?? []).filter((sub) => sub.url.includes('#')).sort((a, b) => sectionScore(b) - sectionScore(a));
}

/** On the 404 page: the words of the address that was not found, e.g. `/flash-atention/` → `flash atention`. */
function queryFromPath(pathname: string): string {
  return decodeURIComponent(pathname).split('/').filter(Boolean).at(-1)?.replace(/\.html?$/, '').replace(/[-_]+/g, ' ').trim() ?? '';
}

/**
 * The result address with the query's words for the landing page to highlight. Whole words as the
 * reader typed them (在线, softmax), not Pagefind's own highlight terms, which split Chinese into
 * single characters and would mark every 在 on the page.
 */
function withHighlight(url: string, words: string[]): string {
  const target = new URL(url, location.origin);
  for (const word of words) target.searchParams.append(highlightParam, word);
  return target.pathname + target.search + target.hash;
}

/** A note's names: its title and its aliases (the article marks them up for Pagefind, separated by 、). */
function namesOf(data: ResultData): string[] {
  return [data.meta.title ?? '', ...(data.meta.aliases?.split('、') ?? [])];
}

/**
 * A result's data (its fragment, unpacked, with excerpts cut on this thread): a result shown early
 * keeps its place in the full list as the same object, and is not unpacked again.
 */
const resultData = new WeakMap<PagefindHit, Promise<ResultData>>();
function dataOf(hit: PagefindHit): Promise<ResultData> {
  let data = resultData.get(hit);
  if (!data) resultData.set(hit, (data = hit.data()));
  return data;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function slugOf(url: string): string {
  return (withoutBase(url) ?? url).split(/[/?#]/)[1] ?? '';
}

class SiteSearch extends HTMLElement {
  #input!: HTMLInputElement;
  #status!: HTMLElement;
  #list!: HTMLOListElement;
  #facets: HTMLElement | null = null;
  #empty: HTMLElement | null = null;
  #selected: Record<Facet, string[]> = { topic: [], tag: [], year: [] };
  #topicNames: Record<string, string> = {};
  #latest = 0;
  #openFirst = false;
  /** A search has started and its first results are not on screen yet. */
  #pending = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The ticket of the search whose first results were last measured. */
  #measured = 0;

  connectedCallback() {
    this.#input = this.querySelector('input[type="search"]')!;
    this.#status = this.querySelector('[data-status]')!;
    this.#list = this.querySelector('ol')!;
    this.#empty = this.querySelector('[data-empty]');
    this.#topicNames = JSON.parse(this.dataset.topics ?? '{}');
    if (this.hasAttribute('sync-url')) this.#facets = this.querySelector('[data-facets]');
    this.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      // Enter opens the first result; if the results for what was typed are not in yet, as soon as they are.
      if (this.#timer !== undefined || this.#pending) {
        this.#openFirst = true;
        if (this.#timer !== undefined) {
          clearTimeout(this.#timer);
          this.#timer = undefined;
          void this.run();
        }
      } else {
        this.#list.querySelector<HTMLAnchorElement>('a.result-link')?.click();
      }
    });
    this.#input.addEventListener('input', (event) => {
      // While an input method composes, the box holds what the reader is still choosing from (the
      // pinyin zhuyili before it becomes 注意力): searching it would flash results for letters.
      if ((event as InputEvent).isComposing) return;
      this.#typed();
    });
    // Chromium's last input event of a composition is still marked composing; the text is final here.
    this.#input.addEventListener('compositionend', () => this.#typed());
    this.#input.addEventListener('focus', () => void loadSearch().catch(() => {}), { once: true });
    this.addEventListener('keydown', (event) => this.#moveFocus(event));
    this.#facets?.addEventListener('change', (event) => {
      const box = event.target as HTMLInputElement;
      const facet = box.name as Facet;
      this.#selected[facet] = box.checked ? [...this.#selected[facet], box.value] : this.#selected[facet].filter((value) => value !== box.value);
      void this.run();
    });
    this.#empty?.addEventListener('click', (event) => {
      const suggestion = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-query]');
      if (!suggestion) return;
      this.#input.value = suggestion.dataset.query!;
      this.#input.focus();
      void this.run();
    });

    let query: string | null = null;
    if (this.hasAttribute('sync-url')) {
      const params = new URLSearchParams(location.search);
      query = params.get('q');
      for (const facet of facets) this.#selected[facet] = params.getAll(facet);
    } else if (this.hasAttribute('query-from-path')) {
      query = queryFromPath(location.pathname);
    }
    if (query) this.#input.value = query;
    // In the dialog this module loads after the reader may already have focused the box and typed.
    if (document.activeElement === this.#input) void loadSearch().catch(() => {});
    if (this.#input.value.trim() || this.#hasFilters()) void this.run();
    // The facets' counts need Pagefind's filter index: fetched now when the page waits for a query,
    // after the first results when it opens with one (run() asks for it then), so as not to delay them.
    else if (this.#facets) void loadFilters().catch(() => {});
  }

  /**
   * What was typed is searched once the reader pauses; its index chunks are fetched meanwhile (Pagefind's
   * preload). While the index is still loading there is no pause to wait for: the search starts at once
   * and waits for the index, and one overtaken by later typing stops there (run() checks its ticket).
   */
  #typed() {
    const typed = this.#input.value;
    if (typed.trim()) {
      void loadSearch().then(([pagefind, names]) => {
        const plan = planQuery(typed, names);
        for (const term of [plan.query, ...plan.spelled]) void pagefind.preload(term);
      }).catch(() => {});
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!searchSettled) {
      void this.run();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.run();
    }, 100);
  }

  #hasFilters(): boolean {
    return facets.some((facet) => this.#selected[facet].length > 0);
  }

  #syncUrl(query: string) {
    const url = new URL(location.href);
    for (const key of ['q', ...facets]) url.searchParams.delete(key);
    if (query) url.searchParams.set('q', query);
    for (const facet of facets) for (const value of this.#selected[facet]) url.searchParams.append(facet, value);
    // A page opened with its query has the address already; replacing it costs the first search 3–4 ms.
    if (url.searchParams.toString() !== new URLSearchParams(location.search).toString()) history.replaceState(null, '', url);
  }

  async run() {
    const query = this.#input.value.trim();
    const ticket = ++this.#latest;
    const useFilters = this.#facets !== null;
    if (this.hasAttribute('sync-url')) this.#syncUrl(query);
    if (!query && !(useFilters && this.#hasFilters())) {
      this.#pending = false;
      this.removeAttribute('aria-busy');
      this.#list.replaceChildren();
      this.#status.textContent = '';
      if (this.#facets) this.#facets.hidden = true;
      if (this.#empty) this.#empty.hidden = true;
      return;
    }
    this.setAttribute('aria-busy', 'true');
    this.#pending = true;
    const started = performance.now();
    const filters: Filters = useFilters ? this.#selected : {};
    let outcome;
    let firstData: ResultData[];
    let search: SearchFn;
    try {
      const [pagefind, names] = await loadSearch();
      // Typed over while the index loaded: the newer search runs instead.
      if (ticket !== this.#latest) return;
      const anyOf = (selected: Filters) => Object.fromEntries(Object.entries(selected).filter(([, values]) => values.length).map(([facet, values]) => [facet, { any: values }]));
      search = (term, selected) => pagefind.search(term, { filters: anyOf(selected) });
      const firstOf = async (found: Outcome<PagefindHit>) => namedFirst(await Promise.all(found.results.slice(0, firstBatch).map(dataOf)), found.plan, namesOf, (data) => slugOf(data.url));
      outcome = await searchPlan<PagefindHit>(search, query, filters, names, (early) => {
        void firstOf(early).then((data) => {
          // Shown only when it leads with the note the reader named, which leads the full list too
          // (namedFirst), unless five other notes outscore it there.
          if (ticket !== this.#latest || !this.#pending || !data.length || !isNamed(namesOf(data[0]), early.plan)) return;
          this.#list.innerHTML = this.#renderAll(data, 0, early);
          if (this.#empty) this.#empty.hidden = true;
          this.#status.textContent = '';
          this.#firstResultsShown(ticket, started);
        }).catch(() => {});
      });
      firstData = await firstOf(outcome);
    } catch {
      // Offline, the index is there only if this device kept it (not when the reader saves data).
      const offline = !(await siteReachable());
      if (ticket === this.#latest) {
        this.#status.textContent = offline ? '现在离线，这台设备上没有保存搜索索引，联网后再搜索。读过的页面离线也能打开。' : '搜索索引加载失败：请稍后再试；本地预览请先用 npm run build 构建站点。';
      }
      this.removeAttribute('aria-busy');
      this.#pending = false;
      return;
    }
    if (ticket !== this.#latest) return;

    const total = outcome.results.length;
    const label = query ? `“${query}”` : '所选筛选';
    this.#status.textContent = total ? `${label}：找到 ${total} 篇笔记${total > shownResults ? `，显示前 ${shownResults} 篇` : ''}` : `没有找到与${label}相关的笔记`;
    this.#pending = false;
    this.#list.innerHTML = this.#renderAll(firstData, 0, outcome);
    if (this.#empty) {
      this.#empty.hidden = total > 0;
      if (!total) void this.#suggest(query, ticket);
    }
    this.#firstResultsShown(ticket, started);
    performance.measure('site-search-complete', { start: started });
    if (this.#openFirst) {
      this.#openFirst = false;
      this.#list.querySelector<HTMLAnchorElement>('a.result-link')?.click();
      return;
    }

    // Then the rest of the results and the facet counts, which need Pagefind's filter index.
    const moreData = await Promise.all(outcome.results.slice(firstBatch, shownResults).map(dataOf));
    if (ticket !== this.#latest) return;
    this.#list.insertAdjacentHTML('beforeend', this.#renderAll(moreData, firstBatch, outcome));
    if (this.#facets) {
      const counts = outcome.filters ? await this.#facetCounts(search, outcome.searched) : this.#countFilters([...firstData, ...moreData]);
      if (ticket !== this.#latest) return;
      this.#renderFacets(counts, total);
    }
    this.removeAttribute('aria-busy');
  }

  /** One measure per search, from the query to its first results on screen: `npm run bench` reads them. */
  #firstResultsShown(ticket: number, started: number) {
    if (this.#measured === ticket) return;
    this.#measured = ticket;
    performance.measure('site-search', { start: started });
  }

  /** Results from the `from`th on, their links carrying the words searched for the landing page to highlight. */
  #renderAll(results: ResultData[], from: number, found: Pick<Outcome<Hit>, 'searched' | 'plan'>): string {
    const words = found.searched.split(' ').filter(Boolean);
    const marks = tellingMarks(found.plan);
    const excerpt = (text: string) => chineseStops(excerptOpening(marks(text)));
    return results.map((data, index) => this.#render(data, from + index, words, excerpt)).join('');
  }

  /** One result; `excerpt` makes an excerpt of Pagefind's readable (#renderAll). */
  #render(data: ResultData, index: number, words: string[], excerpt: (text: string) => string): string {
    const [best, ...more] = sections(data);
    const title = escapeHtml(data.meta.title ?? data.url);
    const topic = data.meta.topic ? `<span class="result-topic">${escapeHtml(data.meta.topic)}</span>` : '';
    const heading = best ? `${title}<span class="result-section"> › ${escapeHtml(best.title)}</span>` : title;
    // Pagefind's excerpts are escaped text with <mark> around the matches, safe to insert as HTML.
    const others = more.slice(0, 2).map((sub) => `<li><a class="result-sublink" href="${escapeHtml(withHighlight(sub.url, words))}">${escapeHtml(sub.title)}</a><p class="result-excerpt">${excerpt(sub.excerpt)}</p></li>`).join('');
    return `<li class="search-result" data-slug="${escapeHtml(slugOf(data.url))}">
      <a class="result-link" href="${escapeHtml(withHighlight(best?.url ?? data.url, words))}" aria-describedby="${this.#input.id}-excerpt-${index}">${heading}</a>${topic}
      <p class="result-excerpt" id="${this.#input.id}-excerpt-${index}">${excerpt(best?.excerpt ?? data.excerpt)}</p>
      ${others ? `<ul class="result-sections" aria-label="${title} 中其他匹配的章节">${others}</ul>` : ''}
    </li>`;
  }

  /**
   * Counts for each facet as if that facet's own boxes were unticked, so ticking 大语言模型 still shows
   * how many notes 多模态 would add (values of one facet combine with OR, facets with AND).
   */
  async #facetCounts(search: SearchFn, term: string) {
    await loadFilters();
    const counts = { ...(await search(term || null, this.#selected))?.filters };
    for (const facet of facets) {
      if (!this.#selected[facet].length) continue;
      const others = { ...this.#selected, [facet]: [] };
      counts[facet] = (await search(term || null, others))?.filters[facet] ?? counts[facet];
    }
    return counts;
  }

  /** Counts by filter value among the results shown, when the results were merged from several searches. */
  #countFilters(data: ResultData[]): Record<string, Record<string, number>> {
    const counts: Record<string, Record<string, number>> = {};
    for (const item of data) {
      for (const [facet, values] of Object.entries(item.filters ?? {})) {
        counts[facet] ??= {};
        for (const value of values) counts[facet][value] = (counts[facet][value] ?? 0) + 1;
      }
    }
    return counts;
  }

  #renderFacets(counts: Record<string, Record<string, number>>, total: number) {
    const facetsEl = this.#facets!;
    const groups = facets.map((facet) => {
      const selected = this.#selected[facet];
      const values = Object.entries(counts[facet] ?? {}).filter(([value, count]) => count > 0 || selected.includes(value));
      for (const value of selected) if (!values.some(([v]) => v === value)) values.push([value, 0]);
      values.sort(facet === 'year' ? (a, b) => Number(b[0]) - Number(a[0]) : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const shown = facet === 'tag' ? values.filter(([value], i) => i < shownTags || selected.includes(value)) : values;
      if (!shown.length) return '';
      const name = (value: string) => (facet === 'topic' ? this.#topicNames[value] ?? value : facet === 'tag' ? `#${value}` : value);
      const boxes = shown.map(([value, count]) => `<label class="facet-option"><input type="checkbox" name="${facet}" value="${escapeHtml(value)}"${selected.includes(value) ? ' checked' : ''}> ${escapeHtml(name(value))} <span class="facet-count">${count}<span class="sr-only"> 篇</span></span></label>`).join('');
      return `<fieldset class="facet"><legend>${facetNames[facet]}</legend>${boxes}</fieldset>`;
    }).join('');
    // Keep focus on the box the reader just toggled when the facets are redrawn.
    const focused = document.activeElement instanceof HTMLInputElement && facetsEl.contains(document.activeElement) ? `${document.activeElement.name}=${document.activeElement.value}` : null;
    facetsEl.querySelector('[data-facet-groups]')!.innerHTML = groups;
    facetsEl.hidden = !groups || (!total && !this.#hasFilters());
    // On a phone the facets start folded so the results come first; a set filter keeps them open.
    if (!facetsEl.dataset.shown) {
      facetsEl.dataset.shown = '';
      (facetsEl as HTMLDetailsElement).open = this.#hasFilters() || matchMedia('(min-width: 40rem)').matches;
    }
    if (focused) {
      const [facet, value] = focused.split('=');
      facetsEl.querySelector<HTMLInputElement>(`input[name="${facet}"][value="${CSS.escape(value)}"]`)?.focus();
    }
  }

  /** With nothing found: shorter pieces of the query that do find something, offered as buttons. */
  async #suggest(query: string, ticket: number) {
    const list = this.#empty?.querySelector('[data-suggestions]');
    if (!list) return;
    list.replaceChildren();
    if (!query) return;
    const pagefind = await loadPagefind();
    const found: string[] = [];
    for (const candidate of shorterQueries(query)) {
      if (found.length >= 3) break;
      if ((await pagefind.search(candidate))?.results.length) found.push(candidate);
    }
    if (ticket !== this.#latest) return;
    list.innerHTML = found.map((word) => `<li><button type="button" class="suggestion" data-query="${escapeHtml(word)}">${escapeHtml(word)}</button></li>`).join('');
    (list.closest('[data-shorter]') as HTMLElement | null)?.toggleAttribute('hidden', found.length === 0);
  }

  /** Up and down arrows walk from the query through every result link and back. */
  #moveFocus(event: KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const stops = [this.#input, ...this.#list.querySelectorAll<HTMLAnchorElement>('a.result-link, a.result-sublink')];
    const index = stops.indexOf(document.activeElement as HTMLAnchorElement);
    if (index === -1) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? Math.min(index + 1, stops.length - 1) : Math.max(index - 1, 0);
    stops[next].focus();
  }
}

customElements.define('site-search', SiteSearch);
