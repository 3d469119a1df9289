import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../shared/errors.js';
import { parseScheduleTime } from './schedule-time.js';

function refusal(text: string): InvalidArgumentError {
  try {
    parseScheduleTime(text);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return err as InvalidArgumentError;
  }
  throw new Error(`expected "${text}" to be refused`);
}

describe('parseScheduleTime', () => {
  it.each([
    ['2026-03-01T00:00:00Z', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T02:00:00+02:00', '2026-03-01T00:00:00.000Z'],
    ['2026-02-28T19:00:00-05:00', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T05:30:00+05:30', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01t00:00:00z', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T00:00:00.5Z', '2026-03-01T00:00:00.500Z'],
    ['2026-03-01T00:00:00.123Z', '2026-03-01T00:00:00.123Z'],
    // The column keeps milliseconds: further digits are dropped, not rounded.
    ['2026-03-01T00:00:00.123999Z', '2026-03-01T00:00:00.123Z'],
    ['2028-02-29T23:59:59Z', '2028-02-29T23:59:59.000Z'],
    ['1000-01-01T00:00:00Z', '1000-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['2026-03-01T00:00:00-00:00', '2026-03-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseScheduleTime(text)?.toISOString()).toBe(iso);
  });

  it('is undefined when not given (the api uses the time it records the instance)', () => {
    expect(parseScheduleTime('')).toBeUndefined();
  });

  it.each([
    ['a date alone', '2026-03-01', /RFC 3339.*a date alone .*not accepted/],
    ['no zone', '2026-03-01T00:00:00', /without Z or an offset/],
    ['a space for T', '2026-03-01 00:00:00Z', /RFC 3339/],
    ['no seconds', '2026-03-01T00:00Z', /RFC 3339/],
    ['an offset without a colon', '2026-03-01T00:00:00+0200', /RFC 3339/],
    ['an hour-only offset', '2026-03-01T00:00:00+02', /RFC 3339/],
    ['a zone name', '2026-03-01T00:00:00 UTC', /RFC 3339/],
    ['epoch millis', '1772323200000', /RFC 3339/],
    ['a fraction without digits', '2026-03-01T00:00:00.Z', /RFC 3339/],
    ['surrounding spaces', ' 2026-03-01T00:00:00Z', /RFC 3339/],
    ['words', 'yesterday', /RFC 3339/],
    ['month 13', '2026-13-01T00:00:00Z', /month must be 01 to 12/],
    ['February 30', '2026-02-30T00:00:00Z', /day must be 01 to 28/],
    ['February 29 of a common year', '2026-02-29T00:00:00Z', /day must be 01 to 28/],
    ['day 00', '2026-03-00T00:00:00Z', /day must be 01 to 31/],
    ['hour 24', '2026-03-01T24:00:00Z', /hour must be 00 to 23/],
    ['minute 60', '2026-03-01T00:60:00Z', /minute must be 00 to 59/],
    ['a leap second', '2016-12-31T23:59:60Z', /leap seconds are not supported/],
    ['an offset of 24 hours', '2026-03-01T00:00:00+24:00', /offset must be/],
    ['a year before 1000', '0999-12-31T23:59:59Z', /from 1000-01-01/],
    ['a year read as 19xx by Date.UTC', '0050-06-01T00:00:00Z', /from 1000-01-01/],
    ['past 9999 once the offset is applied', '9999-12-31T23:00:00-02:00', /9999-12-31/],
  ])('refuses %s, naming schedule_time and what it got', (_what, text, message) => {
    const err = refusal(text);
    expect(err.field).toBe('schedule_time');
    expect(err.message).toMatch(message);
    expect(err.message).toContain(`got "${text}"`);
  });

  it('names the field it is given', () => {
    expect(() => parseScheduleTime('2026-03-01', 'request.schedule_time')).toThrow(
      expect.objectContaining({ field: 'request.schedule_time' }),
    );
  });
});
