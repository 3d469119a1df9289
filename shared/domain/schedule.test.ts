import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { parseWorkflowYaml } from './definition-parse.js';
import { nextFireTime } from './schedule.js';

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

describe('schedules', () => {
  it('parses a schedule, defaulting the time zone to UTC', () => {
    expect(parseWorkflowYaml(`${base}schedule: { cron: "0 2 * * *" }\n`).schedule).toEqual({
      cron: '0 2 * * *',
      timezone: 'UTC',
    });
    expect(parseWorkflowYaml(base).schedule).toBeNull();
  });

  it.each([
    ['schedule: { cron: "61 * * * *" }', 'schedule.cron'],
    ['schedule: { cron: "" }', 'schedule.cron'],
    ['schedule: { cron: "* * *" }', 'schedule.cron'],
    ['schedule: { cron: "0 2 * * *", timezone: "Mars/Olympus" }', 'schedule.timezone'],
    ['schedule: { cron: "0 2 * * *", every: 5 }', 'schedule.every'],
  ])('rejects %s naming %s', (line, field) => {
    expect(fieldOf(`${base}${line}\n`)).toBe(field);
  });

  it('computes fire times in the schedule’s time zone', () => {
    const after = new Date('2026-03-01T00:30:00Z');
    expect(nextFireTime({ cron: '0 2 * * *', timezone: 'UTC' }, after)?.toISOString()).toBe(
      '2026-03-01T02:00:00.000Z',
    );
    expect(nextFireTime({ cron: '0 2 * * *', timezone: 'Asia/Tokyo' }, after)?.toISOString()).toBe(
      '2026-03-01T17:00:00.000Z',
    );
    expect(nextFireTime({ cron: '*/10 * * * * *', timezone: 'UTC' }, after)?.toISOString()).toBe(
      '2026-03-01T00:30:10.000Z',
    );
  });
});
