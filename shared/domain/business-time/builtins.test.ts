import { describe, expect, it } from 'vitest';

import { businessBuiltins } from './builtins.js';

describe('businessBuiltins', () => {
  it.each([
    // The reference's worked values (DolphinScheduler run with TZ=UTC).
    ['2026-03-01T00:00:00Z', 'UTC', '20260301000000', '20260301', '20260228'],
    ['2024-02-29T13:45:00Z', 'UTC', '20240229134500', '20240229', '20240228'],
    // The same instant on New York's wall clock is still 2026-02-28.
    ['2026-03-01T00:00:00Z', 'America/New_York', '20260228190000', '20260228', '20260227'],
    ['2024-03-01T00:00:00Z', 'UTC', '20240301000000', '20240301', '20240229'],
    ['2027-01-01T08:00:00Z', 'UTC', '20270101080000', '20270101', '20261231'],
    // The day after Berlin's 23-hour day: the day before is still the 29th.
    ['2026-03-29T22:30:00Z', 'Europe/Berlin', '20260330003000', '20260330', '20260329'],
  ])('%s in %s', (instant, timezone, datetime, curdate, bizDate) => {
    expect(businessBuiltins(new Date(instant), timezone)).toEqual({
      'system.datetime': datetime,
      'system.biz.curdate': curdate,
      'system.biz.date': bizDate,
    });
  });
});
