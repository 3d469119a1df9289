import { status } from '@grpc/grpc-js';
import { GRPCUnavailableError } from 'etcd3';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnavailableError } from '../errors.js';
import { fromGrpcError, toGrpcStatus } from './status-mapping.js';

/** A mysql2 error as the driver raises it when the server goes away. */
function driverError(code: string): Error {
  return Object.assign(new Error(`mysql: ${code}`), { code, fatal: true });
}

describe('toGrpcStatus', () => {
  it('is INVALID_ARGUMENT with the field for a typed error', () => {
    const mapped = toGrpcStatus(new InvalidArgumentError('tasks[0].command', 'too long'));
    expect(mapped.code).toBe(status.INVALID_ARGUMENT);
    expect(mapped.metadata?.get('baton-field')).toEqual(['tasks[0].command']);
  });

  it.each(['ECONNREFUSED', 'PROTOCOL_CONNECTION_LOST', 'ER_SERVER_SHUTDOWN'])(
    'is UNAVAILABLE (retryable) when MySQL is unreachable: %s',
    (code) => {
      const mapped = toGrpcStatus(driverError(code));
      expect(mapped.code).toBe(status.UNAVAILABLE);
      expect(mapped.details).not.toContain(code);
    },
  );

  it('is UNAVAILABLE when etcd is unreachable', () => {
    expect(toGrpcStatus(new GRPCUnavailableError('etcd down')).code).toBe(status.UNAVAILABLE);
  });

  it('is INTERNAL without internals for anything else (a bug)', () => {
    const mapped = toGrpcStatus(
      Object.assign(new Error('secret detail'), { code: 'ER_PARSE_ERROR' }),
    );
    expect(mapped).toMatchObject({ code: status.INTERNAL, details: 'internal error' });
  });

  it('reaches the caller as a retryable UnavailableError', () => {
    const mapped = toGrpcStatus(driverError('ECONNREFUSED'));
    const wire = Object.assign(new Error(mapped.details), mapped);
    expect(fromGrpcError(wire)).toBeInstanceOf(UnavailableError);
  });
});
