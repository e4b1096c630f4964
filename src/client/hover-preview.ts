/**
 * `<note-preview>`: pointing at or focusing a link to another note in the text shows that note's
 * title, summary and first lines in a small popover, fetched from its `/<slug>/preview.json`
 * (never the whole page). Escape, moving away or blurring closes it. A touch opens the link as
 * usual: there is no hover on a touch screen, and a first tap that only previewed would surprise.
 *
 * A glossary term marked in the text (`a.term-hint`, src/markdown/remark-term-hints.ts) shows its names,
 * definition and the note that explains it in the same popover, from the link's own data. On a
 * touch screen the first tap on a term shows it, since the definition is what a reader taps a
 * dotted word for; a second tap on the same term follows the link to /terms/.
 */
import { articlePreviewUrl, parseArticleUrl } from '../lib/urls.ts';
import type { HoverPreview } from '../site/hover-previews.ts';

const showDelay = 300;
const hideDelay = 200;
const cache = new Map<string, Promise<HoverPreview | undefined>>();

function fetchPreview(slug: string): Promise<HoverPreview | undefined> {
  let preview = cache.get(slug);
  if (!preview) {
    preview = fetch(articlePreviewUrl(slug)).then((response) => (response.ok ? response.json() : undefined)).catch(() => undefined);
    cache.set(slug, preview);
  }
  return preview;
}

class NotePreviewElement extends HTMLElement {
  private link: HTMLAnchorElement | undefined;
  private showTimer: number | undefined;
  private hideTimer: number | undefined;
  private touched = false;

  connectedCallback() {
    const scope = document.querySelector('.prose');
    if (!scope) return;
    scope.addEventListener('pointerdown', (event) => (this.touched = (event as PointerEvent).pointerType === 'touch'));
    scope.addEventListener('pointerover', (event) => {
      const link = this.linkFor(event.target);
      if (link && (event as PointerEvent).pointerType !== 'touch') this.schedule(link, showDelay);
    });
    scope.addEventListener('pointerout', (event) => {
      // A finger lifting leaves the link too: a definition a tap opened stays until a tap elsewhere.
      if (this.linkFor(event.target) && (event as PointerEvent).pointerType !== 'touch') this.scheduleHide();
    });
    scope.addEventListener('focusin', (event) => {
      const link = this.linkFor(event.target);
      if (link && !this.touched) this.schedule(link, 0);
    });
    scope.addEventListener('focusout', (event) => {
      // Focus moving into the popover (its link to the explaining note) keeps it open.
      if (!this.contains((event as FocusEvent).relatedTarget as Node | null)) this.scheduleHide();
    });
    scope.addEventListener('click', (event) => {
      const link = this.linkFor(event.target);
      if (!link?.classList.contains('term-hint') || !this.touched) return;
      // First tap shows the definition; a second tap on the same term, with it showing, follows the link.
      if (this.link === link && this.matches(':popover-open')) return;
      event.preventDefault();
      void this.show(link);
    });
    // A tap elsewhere closes a definition a tap opened.
    document.addEventListener('pointerdown', (event) => {
      if (event.pointerType !== 'touch' || !this.link) return;
      const target = event.target as Node;
      if (!this.contains(target) && !this.link.contains(target)) this.hide();
    });
    // Tab on out of the popover closes it, as leaving the link does.
    this.addEventListener('focusout', (event) => {
      const next = event.relatedTarget as Node | null;
      if (!this.contains(next) && !this.link?.contains(next)) this.scheduleHide();
    });
    // Moving from the link into the popover keeps it open, so its text can be selected.
    this.addEventListener('pointerenter', () => clearTimeout(this.hideTimer));
    this.addEventListener('pointerleave', (event) => event.pointerType !== 'touch' && this.scheduleHide());
    document.addEventListener('keydown', (event) => {
      // A keyboard in use means focus may come from Tab again, even on a touch screen.
      this.touched = false;
      if (event.key === 'Escape' && this.link) this.hide();
    });
    // The card is fixed in the viewport; it follows its link when the page scrolls.
    window.addEventListener('scroll', () => this.link && this.place(this.link), { passive: true });
  }

  /** The link to another note or the marked term that an event happened on, if any. */
  private linkFor(target: EventTarget | null): HTMLAnchorElement | undefined {
    const link = (target as Element | null)?.closest?.('a');
    if (!link) return undefined;
    if (link.classList.contains('term-hint')) return link;
    const note = parseArticleUrl(link.getAttribute('href') ?? '');
    const here = parseArticleUrl(location.pathname);
    return note && note.slug !== here?.slug ? link : undefined;
  }

  private schedule(link: HTMLAnchorElement, delay: number) {
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    this.showTimer = window.setTimeout(() => this.show(link), delay);
  }

  private scheduleHide() {
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    this.hideTimer = window.setTimeout(() => this.hide(), hideDelay);
  }

  private async show(link: HTMLAnchorElement) {
    if (link.classList.contains('term-hint')) {
      // A tap shows it at once: a blur that the tap caused elsewhere must not close it.
      clearTimeout(this.hideTimer);
      this.open(link, termCard(link.dataset));
      return;
    }
    const slug = parseArticleUrl(link.getAttribute('href')!)!.slug;
    const preview = await fetchPreview(slug);
    if (!preview || !link.isConnected) return;
    this.open(link, noteCard(preview));
  }

  /** Shows `content` for `link`, described by the popover while it shows. */
  private open(link: HTMLAnchorElement, content: HTMLElement[]) {
    clearTimeout(this.showTimer);
    this.link?.removeAttribute('aria-describedby');
    this.link = link;
    this.replaceChildren(...content);
    link.setAttribute('aria-describedby', this.id);
    // The link as the popover's source puts the popover next in the Tab order after it (where the browser
    // supports it), so a keyboard reaches a term card's link to its note; older browsers ignore the option.
    if (!this.matches(':popover-open')) (this.showPopover as (options?: { source?: HTMLElement }) => void)({ source: link });
    this.place(link);
  }

  /** Below the link, or above it when there is no room below; always inside the viewport. */
  private place(link: HTMLAnchorElement) {
    const anchor = link.getBoundingClientRect();
    const box = this.getBoundingClientRect();
    const margin = 8;
    const left = Math.max(margin, Math.min(anchor.left, window.innerWidth - box.width - margin));
    const below = anchor.bottom + 6;
    const top = below + box.height > window.innerHeight - margin && anchor.top - box.height - 6 > margin ? anchor.top - box.height - 6 : below;
    this.style.left = `${left}px`;
    this.style.top = `${top}px`;
  }

  private hide() {
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    this.link?.removeAttribute('aria-describedby');
    this.link = undefined;
    if (this.matches(':popover-open')) this.hidePopover();
  }
}

/** A paragraph with a class and text. */
function paragraph(className: string, text: string, lang?: string): HTMLElement {
  const element = document.createElement('p');
  element.className = className;
  element.textContent = text;
  if (lang) element.lang = lang;
  return element;
}

/** A linked note's card: title, summary and its first lines. */
function noteCard(preview: HoverPreview): HTMLElement[] {
  const card = [paragraph('note-preview-title', preview.title), paragraph('note-preview-summary', preview.summary)];
  if (preview.html) {
    const body = document.createElement('div');
    body.className = 'note-preview-body';
    // Built by this site from the note itself (src/site/hover-previews.ts), not from reader input.
    body.innerHTML = preview.html;
    card.push(body);
  }
  return card;
}

/** A term's card, from the data its mark carries: Chinese names, English names, definition, where it is explained. */
function termCard(data: DOMStringMap): HTMLElement[] {
  const card = [paragraph('note-preview-title', data.termZh ?? ''), paragraph('term-preview-en', data.termEn ?? '', 'en'), paragraph('note-preview-summary', data.termDefinition ?? '')];
  if (data.termNote) {
    const more = paragraph('term-preview-note', '详见：');
    const link = document.createElement('a');
    link.href = data.termNote;
    link.textContent = data.termNoteTitle ?? data.termNote;
    more.append(link);
    card.push(more);
  }
  return card;
}

customElements.define('note-preview', NotePreviewElement);
