import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { parseWorkflowYaml } from './definition-parse.js';
import { nextFireTime, withScheduleDefaults } from './schedule.js';

const base = 'name: s\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n';

function fieldOf(yaml: string): string {
  try {
    parseWorkflowYaml(yaml);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return (err as InvalidArgumentError).field;
  }
  throw new Error('accepted');
}

const at = (cron: string, timezone: string) => withScheduleDefaults({ cron, timezone });

describe('schedules', () => {
  it('parses a schedule, defaulting the time zone to UTC', () => {
    expect(parseWorkflowYaml(`${base}schedule: { cron: "0 2 * * *" }\n`).schedule).toEqual({
      cron: '0 2 * * *',
      timezone: 'UTC',
      startAt: null,
      endAt: null,
      missed: 'latest',
    });
    expect(parseWorkflowYaml(base).schedule).toBeNull();
  });

  it.each([
    ['schedule: { cron: "61 * * * *" }', 'schedule.cron'],
    ['schedule: { cron: "" }', 'schedule.cron'],
    ['schedule: { cron: "* * *" }', 'schedule.cron'],
    ['schedule: { cron: "0 2 * * *", timezone: "Mars/Olympus" }', 'schedule.timezone'],
    ['schedule: { cron: "0 2 * * *", every: 5 }', 'schedule.every'],
    ['schedule: { cron: "0 2 * * *", missed: some }', 'schedule.missed'],
    ['schedule: { cron: "0 2 * * *", startAt: "yesterday" }', 'schedule.startAt'],
    ['schedule: { cron: "0 2 * * *", startAt: "2026-02-30" }', 'schedule.startAt'],
    ['schedule: { cron: "0 2 * * *", endAt: "2026-03-01T25:00" }', 'schedule.endAt'],
    [
      'schedule: { cron: "0 2 * * *", startAt: "2026-03-02", endAt: "2026-03-01" }',
      'schedule.endAt',
    ],
  ])('rejects %s naming %s', (line, field) => {
    expect(fieldOf(`${base}${line}\n`)).toBe(field);
  });

  it('computes fire times in the schedule’s time zone', () => {
    const after = new Date('2026-03-01T00:30:00Z');
    expect(nextFireTime(at('0 2 * * *', 'UTC'), after)?.toISOString()).toBe(
      '2026-03-01T02:00:00.000Z',
    );
    expect(nextFireTime(at('0 2 * * *', 'Asia/Tokyo'), after)?.toISOString()).toBe(
      '2026-03-01T17:00:00.000Z',
    );
    expect(nextFireTime(at('*/10 * * * * *', 'UTC'), after)?.toISOString()).toBe(
      '2026-03-01T00:30:10.000Z',
    );
  });

  it('reads startAt/endAt with an offset as given, and without one in the schedule’s zone', () => {
    const parsed = parseWorkflowYaml(
      `${base}schedule: { cron: "0 2 * * *", timezone: Asia/Tokyo, startAt: "2026-03-01", endAt: "2026-03-10T12:00:00+01:00", missed: all }\n`,
    ).schedule;
    expect(parsed).toEqual({
      cron: '0 2 * * *',
      timezone: 'Asia/Tokyo',
      startAt: '2026-02-28T15:00:00.000Z',
      endAt: '2026-03-10T11:00:00.000Z',
      missed: 'all',
    });
    // An unquoted YAML timestamp is an instant too.
    const unquoted = parseWorkflowYaml(
      `${base}schedule: { cron: "0 2 * * *", startAt: 2026-03-01T06:00:00Z }\n`,
    ).schedule;
    expect(unquoted?.startAt).toBe('2026-03-01T06:00:00.000Z');
  });

  it('fires only inside its window', () => {
    const daily = {
      ...at('0 2 * * *', 'UTC'),
      startAt: '2026-03-03T02:00:00.000Z',
      endAt: '2026-03-05T02:00:00.000Z',
    };
    const fires: string[] = [];
    for (
      let t = nextFireTime(daily, new Date('2026-03-01T00:00:00Z'));
      t;
      t = nextFireTime(daily, t)
    )
      fires.push(t.toISOString().slice(0, 10));
    // startAt and endAt are inclusive: a fire exactly on either fires.
    expect(fires).toEqual(['2026-03-03', '2026-03-04', '2026-03-05']);
  });
});
