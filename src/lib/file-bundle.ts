/**
 * Many files as one response (an emitter's, src/site/emitters.ts): for each file a line with its path and a line with its size in
 * bytes, then its bytes. Read back as slices of one buffer, with no parsing of the bodies: as JSON, the
 * 5000 section pages of a 1000-note build took 1.5 s to read back and write instead of 0.5 s.
 */
export function bundleOf(files: Array<[path: string, body: string]>): Buffer {
  return Buffer.concat(files.flatMap(([file, body]) => {
    const bytes = Buffer.from(body);
    return [Buffer.from(`${file}\n${bytes.length}\n`), bytes];
  }));
}

/** The files of a bundle, each body a slice of it. */
export function filesOf(bundle: Buffer): Array<[path: string, body: Buffer]> {
  const files: Array<[string, Buffer]> = [];
  for (let at = 0; at < bundle.length; ) {
    const pathEnd = bundle.indexOf(10, at);
    const sizeEnd = bundle.indexOf(10, pathEnd + 1);
    const size = Number(bundle.toString('latin1', pathEnd + 1, sizeEnd));
    if (pathEnd < 0 || sizeEnd < 0 || !Number.isInteger(size) || sizeEnd + 1 + size > bundle.length) throw new Error(`an emitted bundle is cut short at byte ${at}`);
    files.push([bundle.toString('utf8', at, pathEnd), bundle.subarray(sizeEnd + 1, sizeEnd + 1 + size)]);
    at = sizeEnd + 1 + size;
  }
  return files;
}
