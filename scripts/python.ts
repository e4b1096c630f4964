import { spawnSync } from 'node:child_process';

/**
 * A Python that can import NumPy, for the code blocks the tests execute: `PYTHON` when set, else the
 * first of `python3` on the PATH and Debian's `/usr/bin/python3` that has NumPy.
 */
export function numpyPython(): string | undefined {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3'];
  return candidates.find((python) => spawnSync(python, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0);
}
