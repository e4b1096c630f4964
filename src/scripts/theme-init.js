// Runs before first paint so a remembered dark theme never flashes light. Inlined into every page
// (BaseLayout), with its hash in the page's script policy.
try {
  const saved = localStorage.getItem('theme');
  if (saved === 'dark' || saved === 'light') document.documentElement.dataset.theme = saved;
} catch {}
