import { describe, expect, it } from 'vitest';
import { closeRuns } from './evidence.js';
import type { Fault } from './faults.js';
import { parseRecord } from './record.js';

describe('the chaos record', () => {
  it('pairs each start with its earliest end, and keeps runs without an end open', () => {
    const runs = parseRecord(
      [
        'start 100 w 7 a 1 worker-1 55',
        'start 150 w 8 a 1 worker-2 56',
        'end 400 w 7 a 1 worker-1 55 term',
        'end 420 w 7 a 1 worker-1 55 gone',
        'garbage',
      ].join('\n'),
    );
    expect(runs).toMatchObject([
      { instance: '7', start: 100, end: 400, how: 'term', worker: 'worker-1' },
      { instance: '8', start: 150, end: undefined },
    ]);
  });

  it('takes the end as the start of a run killed before its start time was written', () => {
    const runs = parseRecord(
      [
        'start  w 7 a 1 worker-1 55',
        'end 400 w 7 a 1 worker-1 55 term',
        'start  w 8 a 1 w 56',
      ].join('\n'),
    );
    expect(runs).toMatchObject([{ instance: '7', start: 400, end: 400 }]);
  });

  it('ends an unended run at the next kill of its worker, else at the check', () => {
    const kill: Fault = {
      kind: 'kill-worker',
      target: 'worker-2',
      start: 500,
      end: 900,
      detail: '',
    };
    const open = parseRecord('start 150 w 8 a 1 worker-2 56\nstart 600 w 9 a 1 worker-2 57');
    expect(closeRuns(open, [kill], 10_000).map((r) => [r.end, r.endRecorded])).toEqual([
      [500, false],
      [10_000, false],
    ]);
  });
});
