// The front end's layout rules, read from the files (no browser needed):
// - one layout: every page is www/pages/<name>/index.html with its scripts and styles beside it;
//   the root has only index.html (which opens the Company page), lib/, components/ and pages/;
// - one navigation: every app page has `<spm-nav>` (www/components/spm-nav.js, which renders the
//   one list of pages) and no copy of the links; the list and the page folders agree;
// - a page imports only from its own folder, www/lib/ and www/components/;
// - no inline script or style attribute (the dev server's CSP refuses them);
// - one module per build imports pkg/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGES } from '../../www/components/spm-nav.js';

const www = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../www');
const pagesDir = path.join(www, 'pages');

/** Every file under `dir` whose name ends with one of `exts`, as paths relative to www/. */
function files(exts, dir = www) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(exts, p);
    return exts.some((x) => e.name.endsWith(x)) ? [path.relative(www, p)] : [];
  });
}

const read = (rel) => readFileSync(path.join(www, rel), 'utf8');
const htmlFiles = files(['.html']).map((f) => [f, read(f)]);
const pageNames = readdirSync(pagesDir).filter((n) => statSync(path.join(pagesDir, n)).isDirectory()).sort();

test('one layout: pages in www/pages/<name>/, shared code in www/lib/ and www/components/', () => {
  assert.deepEqual(readdirSync(www).sort(), ['components', 'index.html', 'lib', 'pages'], 'what the root of www/ holds');
  for (const name of pageNames) {
    assert.ok(existsSync(path.join(pagesDir, name, 'index.html')), `www/pages/${name}/index.html`);
  }
  for (const [file] of htmlFiles) {
    assert.ok(file === 'index.html' || /^pages\/[^/]+\/index\.html$/.test(file), `${file}: a page outside www/pages/<name>/index.html`);
  }
  // The root is the app's entry: it opens the Company page, on any static server.
  const root = read('index.html');
  assert.match(root, /<meta http-equiv="refresh" content="0; url=pages\/company\/" \/>/);
  assert.match(root, /<a href="pages\/company\/">/);
});

test('every app page uses the one navigation, <spm-nav>, and none has a copy of its links', () => {
  assert.ok(PAGES.length >= 8, `the nav lists ${PAGES.length} pages`);
  assert.equal(new Set(PAGES.map(([name]) => name)).size, PAGES.length, 'each page once');
  const withNav = pageNames.filter((name) => read(`pages/${name}/index.html`).includes('<spm-nav'));
  assert.deepEqual(withNav, PAGES.map(([name]) => name).sort(), 'the pages with the nav are the pages the nav lists');
  for (const [name] of PAGES) {
    const html = read(`pages/${name}/index.html`);
    assert.equal(html.match(/<spm-nav><\/spm-nav>/g)?.length, 1, `${name}: one empty <spm-nav></spm-nav>`);
    assert.match(html, /<script type="module" src="\.\.\/\.\.\/components\/spm-nav\.js"><\/script>/, `${name}: loads the nav`);
  }
  // Nothing else draws the app's nav: no page has <nav class="nav">, no script builds one.
  for (const [file, html] of htmlFiles) assert.doesNotMatch(html, /<nav class="nav"/, `${file}: a copy of the nav`);
  for (const file of files(['.js']).filter((f) => f !== 'components/spm-nav.js')) {
    assert.doesNotMatch(read(file), /class: 'nav'|className = 'nav'/, `${file}: draws a nav itself`);
  }
});

test('a page imports only from its own folder, www/lib/ and www/components/', () => {
  for (const file of files(['.js'], pagesDir)) {
    const own = path.dirname(file);
    const text = read(file).replace(/^\s*(\/\/|\*).*$/gm, '');
    const specifiers = [
      ...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*'([^']+)'/gm),
      ...text.matchAll(/^\s*import\s*'([^']+)'/gm),
      ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
      ...text.matchAll(/new Worker\(\s*new URL\(\s*'([^']+)'/g),
    ].map((m) => m[1]);
    assert.ok(specifiers.length > 0 || !/\bimport\b/.test(text), `${file}: no import read`);
    for (const spec of specifiers) {
      const target = path.posix.normalize(path.posix.join(own, spec));
      const ok = target.startsWith(`${own}/`) || target.startsWith('lib/') || target.startsWith('components/');
      assert.ok(ok, `${file} imports ${spec} (${target}): another page's file; shared code belongs in www/lib/ or www/components/`);
      assert.ok(existsSync(path.join(www, target)), `${file} imports ${spec}: no such file`);
    }
  }
  // Shared helpers exist once (www/lib/dom.js, format.js, session.js, amount.js): no page defines
  // its own `$`, engineFor, updateUrl, amount reader, zero test or paint wait.
  for (const file of files(['.js'], pagesDir)) {
    const text = read(file);
    assert.doesNotMatch(text, /^const \$ = /m, `${file}: its own $ (use www/lib/dom.js)`);
    assert.doesNotMatch(text, /^(?:export )?(?:async )?function (engineFor|updateUrl|normaliseAmount|parseAmount|nextPaint|listText|isZero|isNegative)\b/m, `${file}: its own copy of a shared helper`);
    assert.doesNotMatch(text, /^const (isZero|isNegative|nextPaint|paint) = /m, `${file}: its own copy of a shared helper`);
    assert.doesNotMatch(text, /requestAnimationFrame\(\(\) => setTimeout/, `${file}: its own nextPaint`);
  }
});

test('statements are drawn by one element, <spm-statement>, on Payouts, the designer, the Ledger and the Rep page', () => {
  for (const name of ['payouts', 'designer', 'ledger', 'rep']) {
    assert.equal(read(`pages/${name}/index.html`).match(/<spm-statement\b/g)?.length, 1, `${name}: one <spm-statement>`);
    assert.match(read(`pages/${name}/page.js`), /^import (?:\{[^}]*\} from )?'\.\.\/\.\.\/components\/spm-statement\.js';$/m, `${name}: loads the statement view`);
  }
  // Nothing else draws a statement's parts: its period frames, tier tables, ledger entries, deal lines.
  for (const file of files(['.js']).filter((f) => f !== 'components/spm-statement.js')) {
    assert.doesNotMatch(read(file), /period-statement|'Tier slices|class: 'entries'|'Draw advance'|How this was worked out|statement-meta/, `${file}: draws part of a statement itself`);
  }
});

test('one amount reader, www/lib/amount.js, for the Rep page and <spm-estimator>', () => {
  assert.match(read('pages/rep/page.js'), /^import \{ parseAmount \} from '\.\.\/\.\.\/lib\/amount\.js';$/m);
  assert.match(read('components/spm-estimator.js'), /'\.\.\/lib\/amount\.js'/);
  for (const file of files(['.js']).filter((f) => f !== 'lib/amount.js')) {
    assert.doesNotMatch(read(file), /function (normaliseAmount|parseAmount|separators|currencyMarks)\b/, `${file}: its own amount reader`);
  }
});

test('no page has an inline script or a style attribute', () => {
  for (const [file, html] of htmlFiles) {
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(inline, [], `${file}: inline script`);
    assert.doesNotMatch(html, /\sstyle="/, `${file}: style attribute`);
    assert.doesNotMatch(html, /<style[\s>]/, `${file}: <style> element`);
    assert.doesNotMatch(html, /\son[a-z]+="/, `${file}: inline event handler`);
  }
});

test('one module per build imports pkg/: www/lib/engine.js the app, www/components/load.js the elements, www/lib/generators.js the generators', () => {
  const importers = files(['.js'])
    .filter((file) => /pkg\/(app|estimator|leaderboard|generators)\/|pkg\/\$\{/.test(read(file).replace(/^\s*(\/\/|\*).*$/gm, '')))
    .sort();
  assert.deepEqual(importers, ['components/load.js', 'lib/engine.js', 'lib/generators.js']);
  // Only the benchmark pages load the generators build; no product page does.
  for (const file of files(['.js']).filter((f) => /generators\.js['"]/.test(read(f)))) {
    assert.match(file, /^pages\/bench[^/]*\//, `${file} loads the generators build but is not a benchmark page`);
  }
  const load = read('components/load.js');
  assert.match(load, /import\.meta\.url/, 'the elements resolve their builds relative to their own script');
  for (const element of ['components/spm-estimator.js', 'components/spm-leaderboard.js']) {
    assert.doesNotMatch(read(element), /lib\/engine\.js/, `${element} must not load the app build`);
  }
});
