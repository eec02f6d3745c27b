// addPlanVersion (www/lib/company.js): a new plan id is version 1; the same id again is the next
// version and the one in use; the given list is left as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addPlanVersion, activePlans } from '../../www/lib/company.js';

const plan = (id, name) => ({ schemaVersion: 1, id, name });

test('a new id is version 1 and in use; the same id again is version 2 and in use', () => {
  const first = addPlanVersion([], plan('p', 'One'), { note: 'Added from p.json', savedAt: '2026-01-01T00:00:00Z' });
  assert.equal(first.added, true);
  assert.equal(first.version, 1);
  assert.deepEqual(first.plans, [{ id: 'p', active: 1, versions: [{ version: 1, savedAt: '2026-01-01T00:00:00Z', note: 'Added from p.json', plan: plan('p', 'One') }] }]);
  const second = addPlanVersion(first.plans, plan('p', 'Two'), { note: null });
  assert.equal(second.added, false);
  assert.equal(second.version, 2);
  assert.equal(second.plans[0].active, 2);
  assert.equal(second.plans[0].versions.length, 2);
  assert.equal(first.plans[0].versions.length, 1, 'the list given is left as it was');
  assert.deepEqual(activePlans({ plans: second.plans }).map((p) => p.name), ['Two']);
});

test('the next version follows the highest saved, also after gaps; another id is another plan', () => {
  const plans = [{ id: 'p', active: 3, versions: [{ version: 1, plan: plan('p', 'a') }, { version: 5, plan: plan('p', 'b') }] }];
  const out = addPlanVersion(plans, plan('p', 'c'));
  assert.equal(out.version, 6);
  const other = addPlanVersion(out.plans, plan('q', 'Q'));
  assert.deepEqual(other.plans.map((e) => [e.id, e.active]), [['p', 6], ['q', 1]]);
});

test('a plan without an id is refused', () => {
  assert.throws(() => addPlanVersion([], { name: 'x' }), /needs an id/);
});
