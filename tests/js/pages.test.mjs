// The app pages share one navigation: every page with `<nav class="nav">` lists the same links in
// the same order, marks itself (and only itself) as the current page, and has no inline script or
// style attribute (the dev server's CSP refuses them). Reads the HTML files; no browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const www = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../www');
const pages = readdirSync(www).filter((f) => f.endsWith('.html')).map((f) => [f, readFileSync(path.join(www, f), 'utf8')]);
const withNav = pages.filter(([, html]) => html.includes('<nav class="nav"'));

/** The nav's links as [href, text, current]. */
function nav(html) {
  const block = /<nav class="nav"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  return [...block.matchAll(/<a href="([^"]+)"( aria-current="page")?>([^<]+)<\/a>/g)].map((m) => [m[1], m[3], Boolean(m[2])]);
}

test('every app page has the same navigation and marks itself', () => {
  assert.ok(withNav.length >= 8, `app pages found: ${withNav.map(([f]) => f).join(', ')}`);
  const reference = nav(withNav[0][1]).map(([href, text]) => [href, text]);
  assert.equal(reference.length, withNav.length, 'one nav link per app page');
  for (const [file, html] of withNav) {
    const links = nav(html);
    assert.deepEqual(links.map(([href, text]) => [href, text]), reference, `${file}: the nav differs`);
    const current = links.filter(([, , c]) => c).map(([href]) => href);
    const self = file === 'index.html' ? './' : file;
    assert.deepEqual(current, [self], `${file}: marks ${current.join(', ') || 'nothing'} as the current page`);
  }
});

test('no page has an inline script or a style attribute', () => {
  for (const [file, html] of pages) {
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(inline, [], `${file}: inline script`);
    assert.doesNotMatch(html, /\sstyle="/, `${file}: style attribute`);
    assert.doesNotMatch(html, /<style[\s>]/, `${file}: <style> element`);
    assert.doesNotMatch(html, /\son[a-z]+="/, `${file}: inline event handler`);
  }
});

/** Every .js file under `dir`, as [path relative to www/, text]. */
function scripts(dir = www) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return scripts(p);
    return e.name.endsWith('.js') ? [[path.relative(www, p), readFileSync(p, 'utf8')]] : [];
  });
}

test('one module per build imports pkg/: www/lib/engine.js the app, www/components/load.js the elements', () => {
  const importers = scripts()
    .filter(([, text]) => /pkg\/(app|estimator|leaderboard)\/|pkg\/\$\{/.test(text.replace(/^\s*(\/\/|\*).*$/gm, '')))
    .map(([file]) => file)
    .sort();
  assert.deepEqual(importers, ['components/load.js', 'lib/engine.js']);
  const load = readFileSync(path.join(www, 'components/load.js'), 'utf8');
  assert.match(load, /import\.meta\.url/, 'the elements resolve their builds relative to their own script');
  for (const element of ['components/spm-estimator.js', 'components/spm-leaderboard.js']) {
    const text = readFileSync(path.join(www, element), 'utf8');
    assert.doesNotMatch(text, /lib\/engine\.js/, `${element} must not load the app build`);
  }
});
