import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../shared/errors.js';
import { canonicalJson, requestKeyOf } from './request-key.js';

describe('request keys', () => {
  it('is undefined without a request id (no idempotency asked)', () => {
    expect(requestKeyOf('', 'op', 'StartInstance', { workflow: 'w' })).toBeUndefined();
  });

  it('hashes the method and the arguments canonically: key order does not matter', () => {
    const a = requestKeyOf('r', 'op', 'StartInstance', {
      workflow: 'w',
      params: { x: '1', y: '2' },
    });
    const b = requestKeyOf('r', 'op', 'StartInstance', {
      params: { y: '2', x: '1' },
      workflow: 'w',
    });
    expect(a?.argsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b?.argsSha256).toBe(a?.argsSha256);
    const other = requestKeyOf('r', 'op', 'StartInstance', { workflow: 'w', params: { x: '2' } });
    expect(other?.argsSha256).not.toBe(a?.argsSha256);
    const method = requestKeyOf('r', 'op', 'StopInstance', {
      workflow: 'w',
      params: { x: '1', y: '2' },
    });
    expect(method?.argsSha256).not.toBe(a?.argsSha256);
  });

  it('keeps array order, which is meaningful', () => {
    expect(canonicalJson({ b: [2, 1], a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":[2,1]}');
  });

  it.each(['x'.repeat(129), 'has space', 'tab\t', 'é'])('refuses request id %j', (id) => {
    expect(() => requestKeyOf(id, 'op', 'StartInstance', {})).toThrow(InvalidArgumentError);
  });

  it('accepts 128 printable characters', () => {
    expect(requestKeyOf('x'.repeat(128), 'op', 'StartInstance', {})?.requestId).toHaveLength(128);
  });
});
