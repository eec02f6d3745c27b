// Must NOT compile (tests/js/types.test.mjs): a tier's `rate` is a decimal string ("0.05"), not a
// number; the engine would reject it at run time with DECIMAL_NOT_STRING.
import type { PlanSpec } from '../../../pkg/app/spm_engine.js';

export const plan: PlanSpec = {
  schemaVersion: 1,
  id: 'ae-2026',
  name: 'Account Executive 2026',
  currency: 'USD',
  period: 'quarter',
  rounding: { mode: 'halfEven', at: 'component' },
  components: [
    {
      id: 'new-business',
      name: 'New business commission',
      kind: 'commission',
      rateTable: { mode: 'flat', base: 'amount', evaluation: 'running', tiers: [{ from: '0', rate: 0.05 }] },
    },
  ],
};
