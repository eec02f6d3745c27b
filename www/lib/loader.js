// How a build's module is loaded, once: the wasm-bindgen init of a build (www/lib/generators.js,
// www/lib/spreadsheets.js) behind a function that is safe to call many times (every call after
// the first returns the same promise; a failed load may be retried) and a check that it is done.

/**
 * @param {(options?: { module_or_path: any }) => Promise<any>} wasmInit the build's default export
 * @param {string} notReady the message thrown by `assertReady()` before the load finished
 * @returns {{ init: (source?: any) => Promise<void>, assertReady: () => void }}
 */
export function onceLoader(wasmInit, notReady) {
  /** @type {Promise<void> | null} */
  let ready = null;
  let initialised = false;
  return {
    init(source) {
      if (ready === null) {
        const options = source === undefined ? undefined : { module_or_path: source };
        ready = wasmInit(options).then(
          () => {
            initialised = true;
          },
          (err) => {
            ready = null;
            throw err;
          },
        );
      }
      return ready;
    },
    assertReady() {
      if (!initialised) throw new Error(notReady);
    },
  };
}
