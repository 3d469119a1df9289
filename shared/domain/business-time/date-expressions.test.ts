import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../errors.js';
import { expandDateExpressions, findDateExpressionError } from './date-expressions.js';

const SUNDAY = new Date('2026-03-01T00:00:00Z');
const LEAP_THURSDAY = new Date('2024-02-29T13:45:00Z');

function expand(expression: string, at: Date, timezone = 'UTC'): string {
  return expandDateExpressions(`$[${expression}]`, at, timezone);
}

describe('expandDateExpressions: the reference worked values (UTC)', () => {
  it.each([
    ['yyyyMMdd', '20260301', '20240229'],
    ['yyyyMMdd-1', '20260228', '20240228'],
    ['yyyy-MM-dd+7', '2026-03-08', '2024-03-07'],
    ['HHmmss-1/24', '230000', '124500'],
    ['add_months(yyyyMMdd,-1)', '20260201', '20240129'],
    ['add_months(yyyyMMdd,12)', '20270301', '20250228'],
    ['month_first_day(yyyyMMdd,0)', '20260301', '20240201'],
    ['month_first_day(yyyyMMdd,-1)', '20260201', '20240101'],
    ['month_last_day(yyyy-MM-dd,-1)', '2026-02-28', '2024-01-31'],
    ['month_last_day(yyyy-MM-dd,0)', '2026-03-31', '2024-02-29'],
    ['week_first_day(yyyy-MM-dd,0)', '2026-02-23', '2024-02-26'],
    ['week_first_day(yyyy-MM-dd,-1)', '2026-02-16', '2024-02-19'],
    ['week_last_day(yyyy-MM-dd,0)', '2026-03-01', '2024-03-03'],
    ['week_last_day(yyyy-MM-dd,-1)', '2026-02-22', '2024-02-25'],
    ['this_day(yyyy-MM-dd)', '2026-03-01', '2024-02-29'],
    ['last_day(yyyy-MM-dd)', '2026-02-28', '2024-02-28'],
    ['year_week(yyyy-MM-dd)', '2026-09', '2024-09'],
    ['month_begin(yyyyMMdd,1)', '20260302', '20240202'],
    ['month_end(yyyyMMdd,-1)', '20260330', '20240228'],
    ['week_begin(yyyyMMdd,1)', '20260224', '20240227'],
    ['week_end(yyyyMMdd,-1)', '20260228', '20240302'],
  ])('$[%s] is %s on 2026-03-01 00:00 and %s on 2024-02-29 13:45', (expression, sunday, leap) => {
    expect(expand(expression, SUNDAY)).toBe(sunday);
    expect(expand(expression, LEAP_THURSDAY)).toBe(leap);
  });
});

describe('expandDateExpressions: grammar', () => {
  it.each([
    ['yyyy-MM-dd HH:mm:ss', '2024-02-29 13:45:00'],
    ['yy/M/d H.mm_ss', '24/2/29 13.45_00'],
    ['yyyyMMdd+7*2', '20240314'],
    ['yyyyMMdd-1*7', '20240222'],
    ['yyyyMMddHHmm+1/48', '202402291415'],
    ['yyyyMMddHHmm+1/7', '202402291710'], // 1440/7 = 205 minutes, truncated as in DS
    ['yyyyMMddHH-25/24', '2024022812'], // a whole day on the calendar, then one hour
    ['HH:mm', '13:45'],
    ['add_months(yyyyMMdd, -1)', '20240129'],
    ['add_months(yyyyMMdd,-1-1)', '20240229'], // DS: the leading minus covers `1-1`
    ['add_months(yyyyMMdd,12*2)', '20260228'],
    ['month_last_day(yyyyMMdd)', '20240229'],
    ['week_first_day(yyyyMMdd)', '20240226'],
    ['year_week(yyyyMMdd)', '202409'],
    ['year_week(yyyy-MM-dd,7)', '2024-09'],
    ['timestamp(yyyyMMddHHmmss)', String(LEAP_THURSDAY.getTime() / 1000)],
    ['timestamp(yyyyMMddHHmmss-1)', String(LEAP_THURSDAY.getTime() / 1000 - 86_400)],
    ['timestamp(add_months(yyyyMMddHHmmss,1))', String(Date.parse('2024-03-29T13:45:00Z') / 1000)],
  ])('$[%s] is %s on 2024-02-29 13:45', (expression, expected) => {
    expect(expand(expression, LEAP_THURSDAY)).toBe(expected);
  });

  it('replaces every expression and leaves the rest of the text alone', () => {
    const command = 'load --from $[yyyy-MM-dd-1] --to $[yyyy-MM-dd] --month ${month} $HOME';
    expect(expandDateExpressions(command, SUNDAY, 'UTC')).toBe(
      'load --from 2026-02-28 --to 2026-03-01 --month ${month} $HOME',
    );
  });

  it("leaves what DolphinScheduler's pattern does not take: digit-first bodies, `$`, nesting", () => {
    for (const text of ['echo $[1+2]', 'echo $[]', 'echo $[ $x + 1 ]', 'a[yyyy]', '$[yyyy']) {
      expect(expandDateExpressions(text, SUNDAY, 'UTC')).toBe(text);
      expect(findDateExpressionError(text)).toBeUndefined();
    }
  });
});

describe('expandDateExpressions: calendar edges', () => {
  it.each([
    ['2024-03-31T09:00:00Z', 'add_months(yyyyMMdd,-1)', '20240229'],
    ['2023-03-31T09:00:00Z', 'add_months(yyyyMMdd,-1)', '20230228'],
    ['2024-01-31T09:00:00Z', 'month_last_day(yyyyMMdd,1)', '20240229'],
    ['2100-02-10T09:00:00Z', 'month_last_day(yyyyMMdd)', '21000228'],
    ['2000-02-10T09:00:00Z', 'month_last_day(yyyyMMdd)', '20000229'],
    ['2026-01-01T00:00:00Z', 'yyyyMMdd-1', '20251231'],
    ['2026-01-01T00:00:00Z', 'month_first_day(yyyyMMdd,-1)', '20251201'],
    ['2025-12-31T23:59:59Z', 'yyyy-MM-dd HH:mm:ss+1/24', '2026-01-01 00:59:59'],
    ['2025-12-31T12:00:00Z', 'week_last_day(yyyyMMdd)', '20260104'],
    // Weeks belong to the year of their Thursday (DS would say 2024-01 and 2021-53).
    ['2024-12-30T12:00:00Z', 'year_week(yyyy-MM-dd)', '2025-01'],
    ['2021-01-01T12:00:00Z', 'year_week(yyyy-MM-dd)', '2020-53'],
  ])('at %s $[%s] is %s', (at, expression, expected) => {
    expect(expand(expression, new Date(at))).toBe(expected);
  });
});

describe('expandDateExpressions: time zones', () => {
  it('reads the wall clock in the given zone (the reference New York example)', () => {
    expect(expand('yyyy-MM-dd+7', SUNDAY, 'America/New_York')).toBe('2026-03-07');
    expect(expand('yyyyMMdd-1', SUNDAY, 'America/New_York')).toBe('20260227');
    expect(expand('yyyyMMddHH', SUNDAY, 'Asia/Kolkata')).toBe('2026030105');
  });

  it('counts whole days on the calendar across a DST change (DS #18015)', () => {
    // 2026-03-30 00:30 CEST, after Berlin's 23-hour day: 24 hours earlier is still the 28th.
    const afterShortDay = new Date('2026-03-29T22:30:00Z');
    expect(expand('yyyyMMdd', afterShortDay, 'Europe/Berlin')).toBe('20260330');
    expect(expand('yyyyMMdd-1', afterShortDay, 'Europe/Berlin')).toBe('20260329');
    expect(expand('last_day(yyyyMMddHHmm)', afterShortDay, 'Europe/Berlin')).toBe('202603290030');
    // 2026-10-26 00:30 CET, after the 25-hour day.
    const afterLongDay = new Date('2026-10-25T23:30:00Z');
    expect(expand('yyyyMMddHHmm-1', afterLongDay, 'Europe/Berlin')).toBe('202610250030');
  });

  it('moves a day offset landing in the spring-forward gap later by the gap', () => {
    const dayBefore = new Date('2026-03-28T01:30:00Z'); // 02:30 CET
    expect(expand('yyyyMMddHHmm+1', dayBefore, 'Europe/Berlin')).toBe('202603290330');
  });

  it('counts hour offsets in elapsed time, through the repeated hour', () => {
    const firstTwoThirty = new Date('2026-10-25T00:30:00Z'); // 02:30 CEST
    const secondTwoThirty = new Date('2026-10-25T01:30:00Z'); // 02:30 CET
    expect(expand('HHmm-1/24', firstTwoThirty, 'Europe/Berlin')).toBe('0130');
    expect(expand('HHmm-1/24', secondTwoThirty, 'Europe/Berlin')).toBe('0230');
    const afterGap = new Date('2026-03-29T01:30:00Z'); // 03:30 CEST
    expect(expand('HHmm-1/24', afterGap, 'Europe/Berlin')).toBe('0130');
  });
});

describe('malformed expressions', () => {
  it.each([
    ['YYYY-MM-dd', 'unsupported "YYYY"'],
    ['yyyy-MM-DD', 'unsupported "DD"'],
    ['yyyyMMddHHmmssSSS', 'unsupported "SSS"'],
    ['yyy', 'unsupported "yyy"'],
    ["yyyy'T'HH", `unsupported "'"`],
    ['yyyyMMdd,1', 'unsupported ","'],
    ['yyyyMMdd+x', 'unsupported "+"'],
    ['yyyyMMdd-1x', 'bad offset "1x": unexpected "x"'],
    ['yyyyMMdd-1/0', 'bad offset "1/0": division by zero'],
    ['yyyyMMdd+9999999', 'bad offset "9999999": too large'],
    ['-1', 'empty date format'],
    ['foo(yyyyMMdd)', 'unknown function "foo"'],
    ['constructor(yyyyMMdd)', 'unknown function "constructor"'],
    ['add_months(yyyyMMdd)', 'missing the months: write add_months(format, months)'],
    ['add_months(yyyyMMdd,1,2)', 'too many arguments'],
    ['add_months(yyyyMMdd,one)', 'bad months "one": unexpected "o"'],
    ['add_months(yyyyMMdd,)', 'bad months "": empty'],
    ['add_months(yyyyMMdd,1000000)', 'bad months "1000000": too large'],
    ['month_begin(yyyyMMdd)', 'missing the days'],
    ['this_day(yyyyMMdd,1)', 'too many arguments: write this_day(format)'],
    ['add_months(yyyyMMdd,1', 'missing ")"'],
    ['year_week()', 'year_week needs a format'],
    ['year_week(yyyyMMdd,8)', 'must be 1 (Monday) to 7 (Sunday)'],
    ['timestamp(yyyyMMdd)', 'timestamp(...) needs a time in yyyyMMddHHmmss'],
    ['timestamp(year_week(yyyy))', 'timestamp(...) needs a time in yyyyMMddHHmmss'],
  ])('$[%s]: %s', (expression, detail) => {
    const text = `echo $[yyyyMMdd] $[${expression}] $[also(bad)]`;
    const message = findDateExpressionError(text);
    expect(message).toContain(`$[${expression}]: `);
    expect(message).toContain(detail);
    const run = () => expandDateExpressions(text, SUNDAY, 'UTC');
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(message);
  });

  it('finds nothing wrong in well-formed text', () => {
    expect(
      findDateExpressionError('echo $[yyyyMMdd-1] $[add_months(yyyyMMdd,-1)]'),
    ).toBeUndefined();
    expect(findDateExpressionError('no expressions here')).toBeUndefined();
  });

  it('refuses results outside the years 1..9999 when expanding', () => {
    const run = () => expand('add_months(yyyyMMdd,12*8000)', SUNDAY);
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow('outside the years 1..9999');
  });

  it('reports an unknown time zone on the timezone field', () => {
    expect(() => expand('yyyyMMdd', SUNDAY, 'Nowhere/Land')).toThrow(/^timezone: /);
  });
});
