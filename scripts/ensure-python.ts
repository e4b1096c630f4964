/**
 * The tests execute the notes' `run` code blocks with Python and NumPy. When no Python on this
 * machine imports NumPy, install Debian's (PyPI may be out of reach; the Debian mirror is what the
 * build machines have), or say how.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { numpyPython } from './python.ts';

if (!numpyPython()) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error('No Python with NumPy found. Install one (Debian/Ubuntu: sudo apt-get install -y python3-numpy) or set PYTHON to a python that imports numpy, then run the tests again.');
    process.exit(1);
  }
  console.log('Installing Debian\'s python3-numpy for the code blocks the tests run…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'python3-numpy'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!numpyPython()) {
    console.error('apt-get finished but /usr/bin/python3 still cannot import numpy; set PYTHON to a python that can.');
    process.exit(1);
  }
}
