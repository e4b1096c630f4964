/**
 * Reading aids on article pages, as small custom elements: a font size the reader chooses (kept for
 * every page, applied before first paint by the script in BaseLayout), and, on long articles, a
 * progress bar and a back-to-top link that appears once the reader is a screen down.
 */

/** Steps of the root font size, in percent of the browser's own; 100 is the site's default. */
export const fontScales = [87.5, 100, 112.5, 125, 137.5, 150];
const storageKey = 'font-scale';

export function savedFontScale(): number {
  try {
    const saved = Number(localStorage.getItem(storageKey));
    return fontScales.includes(saved) ? saved : 100;
  } catch {
    return 100;
  }
}

class FontSizeControl extends HTMLElement {
  #scale = savedFontScale();

  connectedCallback() {
    this.querySelector<HTMLButtonElement>('[data-step="-1"]')!.addEventListener('click', () => this.#step(-1));
    this.querySelector<HTMLButtonElement>('[data-step="1"]')!.addEventListener('click', () => this.#step(1));
    this.querySelector<HTMLButtonElement>('[data-step="0"]')!.addEventListener('click', () => this.#set(100));
    this.#render();
    this.hidden = false;
  }

  #step(direction: number) {
    const index = fontScales.indexOf(this.#scale) + direction;
    if (index >= 0 && index < fontScales.length) this.#set(fontScales[index]);
  }

  #set(scale: number) {
    this.#scale = scale;
    document.documentElement.style.fontSize = scale === 100 ? '' : `${scale}%`;
    try {
      if (scale === 100) localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, String(scale));
    } catch {
      // Private mode without storage: the size holds for this page only.
    }
    this.#render();
  }

  #render() {
    const index = fontScales.indexOf(this.#scale);
    this.querySelector<HTMLButtonElement>('[data-step="-1"]')!.disabled = index === 0;
    this.querySelector<HTMLButtonElement>('[data-step="1"]')!.disabled = index === fontScales.length - 1;
    this.querySelector('.font-size-value')!.textContent = `${this.#scale}%`;
    this.querySelector<HTMLButtonElement>('[data-step="0"]')!.disabled = this.#scale === 100;
  }
}

class ReadingProgress extends HTMLElement {
  connectedCallback() {
    const bar = this.querySelector<HTMLElement>('.reading-progress-bar')!;
    const backToTop = this.querySelector<HTMLElement>('.back-to-top')!;
    const article = document.querySelector<HTMLElement>('.prose') ?? document.body;
    let queued = false;
    const update = () => {
      queued = false;
      // How far the end of the text has come up the screen: 0 at the top, 1 when it is in view.
      const { top, height } = article.getBoundingClientRect();
      const total = height - innerHeight;
      const done = total <= 0 ? 1 : Math.min(1, Math.max(0, -top / total));
      bar.style.transform = `scaleX(${done})`;
      this.dataset.progress = String(Math.round(done * 100));
      backToTop.hidden = scrollY < innerHeight;
    };
    const schedule = () => {
      if (!queued) requestAnimationFrame(update);
      queued = true;
    };
    // To the very top, where the title is (the link's #main would stop below the site header), and
    // keyboard focus with it, so Tab continues from the start of the page.
    backToTop.addEventListener('click', (event) => {
      event.preventDefault();
      scrollTo({ top: 0, behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'instant' : 'smooth' });
      document.getElementById('main')?.focus({ preventScroll: true });
    });
    addEventListener('scroll', schedule, { passive: true });
    addEventListener('resize', schedule);
    this.hidden = false;
    update();
  }
}

customElements.define('font-size-control', FontSizeControl);
customElements.define('reading-progress', ReadingProgress);
