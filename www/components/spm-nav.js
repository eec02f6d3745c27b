// The app's one navigation. Every app page's header has `<spm-nav></spm-nav>`; this element fills
// it with `<nav class="nav">` built from the one list below, marks the page it is on with
// aria-current="page", and links every page relative to this module (not to the page or the site
// root), so the links hold from any page folder and under any mount point. Light DOM: the app's
// style sheet (www/lib/styles.css) styles it with the rest of the header.
//
// Importable without a DOM (the tests read PAGES in Node): the element is only defined where
// custom elements exist.
import { el } from '../lib/dom.js';

/**
 * The app's pages in the order the navigation lists them: the folder under www/pages/ and the
 * link's text. A page is added to the app here and nowhere else.
 * @type {ReadonlyArray<readonly [name: string, label: string]>}
 */
export const PAGES = Object.freeze([
  ['company', 'Company'],
  ['designer', 'Designer'],
  ['payouts', 'Payouts'],
  ['ledger', 'Ledger'],
  ['rep', 'Rep'],
  ['territories', 'Territories'],
  ['quota', 'Quotas'],
  ['insights', 'Insights'],
  ['leaderboard', 'Leaderboard'],
].map((p) => Object.freeze(p)));

/**
 * The URL of a page of the app, e.g. pageUrl("ledger") is ".../pages/ledger/".
 * @param {string} name
 * @param {string} [hash] A fragment to add, e.g. "#costing-heading".
 */
export function pageUrl(name, hash = '') {
  return new URL(`../pages/${name}/${hash}`, import.meta.url).href;
}

/** A path without its "index.html", so /pages/rep/ and /pages/rep/index.html are one page. */
const pagePath = (pathname) => pathname.replace(/\/index\.html$/, '/');

if (typeof customElements !== 'undefined' && !customElements.get('spm-nav')) {
  customElements.define('spm-nav', class SpmNav extends HTMLElement {
    connectedCallback() {
      if (this.querySelector('nav')) return; // moved in the document: already drawn
      const here = pagePath(location.pathname);
      const nav = el('nav', { class: 'nav', 'aria-label': 'Pages' });
      for (const [name, label] of PAGES) {
        const url = new URL(pageUrl(name));
        const link = el('a', { href: url.pathname, 'data-page': name }, label);
        if (pagePath(url.pathname) === here) link.setAttribute('aria-current', 'page');
        nav.append(link);
      }
      this.replaceChildren(nav);
    }
  });
}
