import {
  castGrpcError,
  EtcdLeaseInvalidError,
  GRPCResourceExhastedError,
  GRPCUnavailableError,
  isRecoverableError,
} from 'etcd3';
import { describe, expect, it } from 'vitest';
import { etcdFaultPolicy, isEtcdOverloaded, isEtcdRecoverable } from './etcd-faults.js';

/** What grpc-js rejects with when etcd answers `too many requests`, cast as etcd3 casts it. */
function tooManyRequests(): Error {
  const raw = Object.assign(new Error('8 RESOURCE_EXHAUSTED: etcdserver: too many requests'), {
    code: 8,
  });
  return castGrpcError(raw);
}

const fast = { overloadRetries: 3, overloadInitialDelayMs: 1, overloadMaxDelayMs: 2 };

/** An operation failing with `errors` in turn, then answering 'ok'; counts its calls. */
function failing(...errors: Error[]): { op: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    op: () => {
      const err = errors[calls];
      calls += 1;
      return err === undefined ? Promise.resolve('ok') : Promise.reject(err);
    },
    calls: () => calls,
  };
}

describe('isEtcdOverloaded', () => {
  it('recognises `too many requests` sent with code UNKNOWN, as etcd 3.4 answers a transaction', () => {
    const raw = Object.assign(new Error('2 UNKNOWN: etcdserver: too many requests'), { code: 2 });
    const err = castGrpcError(raw);
    expect(err, 'not the class etcd3 gives code 8').not.toBeInstanceOf(GRPCResourceExhastedError);
    expect(isEtcdOverloaded(err)).toBe(true);
    expect(isEtcdRecoverable(err)).toBe(true);
  });
  it('recognises `too many requests` as etcd3 casts it, which etcd3 itself calls recoverable', () => {
    const err = tooManyRequests();
    expect(isEtcdOverloaded(err)).toBe(true);
    expect(isRecoverableError(err)).toBe(true);
    expect(isEtcdRecoverable(err)).toBe(true);
  });

  it('is false for other failures, recoverable or not', () => {
    expect(isEtcdOverloaded(new GRPCUnavailableError('14 UNAVAILABLE'))).toBe(false);
    expect(isEtcdRecoverable(new GRPCUnavailableError('14 UNAVAILABLE'))).toBe(true);
    expect(isEtcdOverloaded(new EtcdLeaseInvalidError('lease'))).toBe(false);
    expect(isEtcdRecoverable(new EtcdLeaseInvalidError('lease'))).toBe(false);
    expect(isEtcdRecoverable('not an error')).toBe(false);
  });
});

describe('etcdFaultPolicy', () => {
  it('retries an overloaded etcd with backoff until it answers', async () => {
    const { op, calls } = failing(tooManyRequests(), tooManyRequests(), tooManyRequests());
    await expect(etcdFaultPolicy(fast).execute(op)).resolves.toBe('ok');
    expect(calls()).toBe(4);
  });

  it('gives up after its bound, throwing the overload as it is', async () => {
    const { op, calls } = failing(...Array.from({ length: 10 }, tooManyRequests));
    await expect(etcdFaultPolicy(fast).execute(op)).rejects.toBeInstanceOf(
      GRPCResourceExhastedError,
    );
    expect(calls()).toBe(4);
  });

  it('retries other transient failures twice, quickly', async () => {
    const { op, calls } = failing(
      ...Array.from({ length: 5 }, () => new GRPCUnavailableError('u')),
    );
    await expect(etcdFaultPolicy(fast).execute(op)).rejects.toBeInstanceOf(GRPCUnavailableError);
    expect(calls()).toBe(3);
  });

  it('does not retry what is not transient', async () => {
    const { op, calls } = failing(new EtcdLeaseInvalidError('gone'));
    await expect(etcdFaultPolicy(fast).execute(op)).rejects.toBeInstanceOf(EtcdLeaseInvalidError);
    expect(calls()).toBe(1);
  });
});
