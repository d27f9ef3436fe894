/** The only module that imports `pyodide`: loads CPython (WebAssembly) with its standard library. */
import { loadPyodide, version, type PyodideAPI } from 'pyodide';

export type { PyodideAPI };

/** Pyodide's package CDN for this version: where micropip and Pyodide-built packages come from when online. */
export const PACKAGE_CDN = `https://cdn.jsdelivr.net/pyodide/v${version}/full/`;

/** Pyodide's version (not Python's). */
export const PYODIDE_VERSION = version;

/** The Emscripten file system of a loaded Pyodide. */
export type PyodideFs = PyodideAPI['FS'];

/**
 * Load Pyodide. `indexURL` is where its wasm, standard library and lock file are served (our own origin in
 * browsers); Node reads them from the npm package when it is left out.
 */
export async function startPyodide(options: {
  indexURL?: string;
  packageBaseUrl?: string;
  packageCacheDir?: string;
  home: string;
}): Promise<PyodideAPI> {
  return loadPyodide({
    indexURL: options.indexURL,
    packageBaseUrl: options.packageBaseUrl ?? PACKAGE_CDN,
    packageCacheDir: options.packageCacheDir,
    env: { HOME: options.home },
    stdout: () => undefined,
    stderr: () => undefined,
  });
}
