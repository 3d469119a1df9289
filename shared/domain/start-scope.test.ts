import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors.js';
import { selectTasks } from './start-scope.js';

describe('selectTasks', () => {
  // a -> b -> d, a -> c -> d, e alone
  const tasks = [
    { name: 'a', dependsOn: [] },
    { name: 'b', dependsOn: ['a'] },
    { name: 'c', dependsOn: ['a'] },
    { name: 'd', dependsOn: ['b', 'c'] },
    { name: 'e', dependsOn: [] },
  ];
  const sorted = (s: Set<string>) => [...s].sort();

  it('FROM: the tasks and everything downstream', () => {
    expect(sorted(selectTasks(tasks, ['b'], 'FROM'))).toEqual(['b', 'd']);
  });
  it('ONLY: the tasks themselves', () => {
    expect(sorted(selectTasks(tasks, ['b', 'e'], 'ONLY'))).toEqual(['b', 'e']);
  });
  it('TO: the tasks and everything upstream', () => {
    expect(sorted(selectTasks(tasks, ['d'], 'TO'))).toEqual(['a', 'b', 'c', 'd']);
  });
  it('refuses a task the workflow does not have', () => {
    expect(() => selectTasks(tasks, ['x'], 'FROM')).toThrow(NotFoundError);
  });
});
