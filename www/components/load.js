// The one loader of the element builds (pkg/estimator/, pkg/leaderboard/): the only module of
// the elements that imports a wasm-bindgen package. Everything is resolved relative to this
// file (import.meta.url), never to the site root, so the elements work from any folder and from
// another origin: `components/load.js` finds `pkg/<build>/` one folder up, in the development
// tree (served by scripts/serve.mjs) and in the npm package alike (scripts/pack-elements.sh).
//
// No static imports: the wasm bytes start downloading and compiling while the glue loads, which
// brings the first estimate a few round trips sooner. Each build is loaded once per page, and its
// classes get the argument checks of ../lib/boundary.js (loaded beside the glue): a freed object,
// or one of another class, is an SpmError naming the argument, as in the app.

/** @type {Map<string, Promise<any>>} */
const loading = new Map();

/**
 * The URL of a build's file, relative to this module.
 * @param {string} build "estimator" or "leaderboard"
 * @param {string} file
 */
export function buildUrl(build, file) {
  return new URL(`../pkg/${build}/${file}`, import.meta.url).href;
}

/**
 * Loads and initialises one element build; resolves to its exports (PlanEngine, ScoringModel, ...).
 * A failed load is forgotten, so the next element that asks tries again.
 * @param {string} build
 * @returns {Promise<any>}
 */
export function loadBuild(build) {
  let ready = loading.get(build);
  if (ready === undefined) {
    const glueUrl = buildUrl(build, 'spm_engine.js');
    const wasmUrl = buildUrl(build, 'spm_engine_bg.wasm');
    if (typeof document !== 'undefined') {
      // A hint, not an import: the glue starts loading in parallel with the wasm bytes.
      const hint = document.createElement('link');
      hint.rel = 'modulepreload';
      hint.href = glueUrl;
      document.head.append(hint);
    }
    const compiled = fetch(wasmUrl)
      .then((r) => (r.ok ? WebAssembly.compileStreaming(r) : null))
      .catch(() => null);
    const boundary = import('../lib/boundary.js');
    boundary.catch(() => {}); // Awaited below; unawaited when the glue fails to load.
    ready = import(glueUrl).then(async (glue) => {
      // A server that does not send application/wasm defeats compileStreaming: the glue then
      // fetches the bytes itself, relative to its own URL.
      const module = await compiled;
      await glue.default({ module_or_path: module ?? wasmUrl });
      (await boundary).guardClasses(glue);
      return glue;
    });
    ready.catch(() => loading.delete(build));
    loading.set(build, ready);
  }
  return ready;
}

/**
 * A load failure as the elements report it: code LOAD_FAILED, naming the file it looked for.
 * @param {string} build
 * @param {unknown} err
 */
export function loadFailure(build, err) {
  const why = err instanceof Error ? err.message : String(err);
  return {
    code: 'LOAD_FAILED',
    message: `The engine could not be loaded from ${buildUrl(build, 'spm_engine.js')}: ${why}.`,
    diagnostics: [],
  };
}
