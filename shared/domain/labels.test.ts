import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { parseLabelSelector, validateLabels } from './labels.js';

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidArgumentError) return err.field;
    throw err;
  }
  throw new Error('did not throw');
}

describe('labels', () => {
  it('accepts Kubernetes-style keys and values', () => {
    expect(() =>
      validateLabels({
        team: 'growth',
        'app.kubernetes.io/name': 'billing-v2',
        'x_y.z': '',
        A: 'a'.repeat(63),
      }),
    ).not.toThrow();
  });

  it.each([
    ['-team', 'x'],
    ['team-', 'x'],
    ['a'.repeat(64), 'x'],
    ['Example.com/x', 'x'],
    ['/x', 'x'],
    ['a/b/c', 'x'],
    ['team', 'has space'],
    ['team', 'a'.repeat(64)],
    ['team', '-x'],
    ['', 'x'],
  ])('refuses key %j value %j, naming labels.<key>', (key, value) => {
    expect(fieldOf(() => validateLabels({ [key]: value }))).toBe(`labels.${key}`);
  });

  it('refuses more than 32 labels', () => {
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v']));
    expect(fieldOf(() => validateLabels(many))).toBe('labels');
  });
});

describe('label selectors', () => {
  it('parses equality, inequality, existence and absence', () => {
    expect(parseLabelSelector(' team=growth, tier != gold ,env==prod,urgent,!archived')).toEqual([
      { key: 'team', op: 'equals', value: 'growth' },
      { key: 'tier', op: 'not-equals', value: 'gold' },
      { key: 'env', op: 'equals', value: 'prod' },
      { key: 'urgent', op: 'exists' },
      { key: 'archived', op: 'not-exists' },
    ]);
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector('team=')).toEqual([{ key: 'team', op: 'equals', value: '' }]);
  });

  it.each(['team=a,', '=x', 'team=a b', '!', 'bad key=x', 'a/b/c=x'])(
    'refuses %j naming label_selector',
    (text) => {
      expect(fieldOf(() => parseLabelSelector(text))).toBe('label_selector');
    },
  );
});
