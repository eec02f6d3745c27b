import { test } from 'node:test';
import { openSession, closeSession } from './harness.mjs';
test('dbg', async () => {
  const s = await openSession([]);
  const page = s.page;
  let loads = 0;
  page.on('load', () => { loads += 1; });
  page.on('console', (m) => console.log('console', m.text()));
  for (const name of ['quota', 'territories', 'insights']) {
    await page.goto(`${s.server.url}pages/${name}/`);
    await page.waitForTimeout(5000);
    console.log(name, 'ready=', await page.evaluate(() => document.body.dataset.ready), await page.locator('#error').innerText().catch(() => ''));
  }
  await closeSession(s);
});
