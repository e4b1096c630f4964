// Runs before first paint so a remembered dark theme never flashes light and the chosen font size holds. Inlined into every page
// (BaseLayout), with its hash in the page's script policy.
// Scripts run here: the controls they reveal keep their room from the first paint (global.css), so nothing moves when they appear.
document.documentElement.dataset.scripted = '';
try {
  const saved = localStorage.getItem('theme');
  if (saved === 'dark' || saved === 'light') document.documentElement.dataset.theme = saved;
  // The font size chosen on an article (src/client/reading.ts), on every page.
  const scale = Number(localStorage.getItem('font-scale'));
  if (scale >= 50 && scale <= 200) document.documentElement.style.fontSize = `${scale}%`;
} catch {
  // Storage blocked (private mode, policy): the defaults apply.
}
