/**
 * The end-to-end tests and the benchmark drive Debian's Chromium (Playwright cannot download its own
 * browser here). Install it when it is missing and we can (root on Debian); otherwise say how.
 *
 * A font with Chinese glyphs comes with it: every reader's device has one, and without one Chromium
 * looks for each Chinese character through every installed font, which made laying out the home
 * page take 300 ms instead of 20 and put that into every timing the tests and the benchmark take.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    // No fontconfig to ask: Chromium (which needs it on Linux) is not installed yet either.
    return false;
  }
}

const missing = [...(existsSync(chromium) ? [] : ['chromium']), ...(hasChineseFont() ? [] : ['fonts-noto-cjk'])];
if (missing.length > 0) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    if (missing.includes('chromium')) {
      console.error(`Chromium is not at ${chromium}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH to a Chromium or Chrome binary, then run the tests again.`);
      process.exit(1);
    }
    console.warn('No font with Chinese glyphs is installed (Debian/Ubuntu: sudo apt-get install -y fonts-noto-cjk): pages render and tests run, but layout is slow and timings are not a reader\'s.');
  } else {
    console.log(`Installing ${missing.join(' and ')} for the end-to-end tests…`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (!existsSync(chromium)) {
      console.error(`apt-get finished but ${chromium} is still missing; set CHROMIUM_PATH to the installed binary.`);
      process.exit(1);
    }
  }
}
