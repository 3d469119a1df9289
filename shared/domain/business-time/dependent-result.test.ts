import { describe, expect, it } from 'vitest';

import { WORKFLOW_STATES, type WorkflowState } from '../workflow-states.js';
import { combineDependent, type DependentResult, dependentItemResult } from './dependent-result.js';

describe('dependentItemResult', () => {
  const expected: Record<WorkflowState, DependentResult> = {
    SUBMITTED: 'WAITING',
    SERIAL_WAIT: 'WAITING',
    RUNNING: 'WAITING',
    READY_STOP: 'WAITING',
    READY_PAUSE: 'WAITING',
    PAUSE: 'WAITING',
    SUCCESS: 'SUCCESS',
    FAILURE: 'FAILURE',
    STOP: 'FAILURE',
    SERIAL_DISCARD: 'FAILURE',
  };

  it.each(WORKFLOW_STATES.map((state) => [state, expected[state]]))(
    'an upstream instance in %s gives %s',
    (state, result) => {
      expect(dependentItemResult(state)).toBe(result);
    },
  );

  it('waits while no upstream instance exists', () => {
    expect(dependentItemResult(undefined)).toBe('WAITING');
  });
});

describe('combineDependent', () => {
  it.each<['all' | 'any', DependentResult[], DependentResult]>([
    ['all', ['SUCCESS', 'SUCCESS'], 'SUCCESS'],
    ['all', ['SUCCESS', 'WAITING'], 'WAITING'],
    ['all', ['WAITING', 'FAILURE'], 'FAILURE'],
    ['all', ['FAILURE', 'SUCCESS'], 'FAILURE'],
    ['all', ['SUCCESS'], 'SUCCESS'],
    ['all', [], 'SUCCESS'],
    ['any', ['FAILURE', 'SUCCESS'], 'SUCCESS'],
    ['any', ['WAITING', 'SUCCESS'], 'SUCCESS'],
    ['any', ['FAILURE', 'WAITING'], 'WAITING'],
    ['any', ['FAILURE', 'FAILURE'], 'FAILURE'],
    ['any', ['WAITING'], 'WAITING'],
    ['any', [], 'FAILURE'],
  ])('%s of %j is %s', (relation, results, combined) => {
    expect(combineDependent(relation, results)).toBe(combined);
  });
});
