/**
 * The end-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here).
 * Install it when it is missing and we can (root on Debian); otherwise say how.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`Chromium is not at ${chromium}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary, then run the tests again.`);
    process.exit(1);
  }
  console.log('Installing Debian\'s chromium for the end-to-end tests…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(chromium)) {
    console.error(`apt-get finished but ${chromium} is still missing; set CHROMIUM_PATH to the installed binary.`);
    process.exit(1);
  }
}
