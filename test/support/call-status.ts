import { status } from '@grpc/grpc-js';
import { expect } from 'vitest';
import { BatonError, InvalidArgumentError } from '../../shared/errors.js';

export interface CallStatus {
  code: number;
  field: string | undefined;
  message: string;
}

/** The gRPC status a call failed with (the typed error keeps the wire error as its cause). */
export async function codeOf(call: Promise<unknown>): Promise<CallStatus> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(BatonError);
    const cause = (err as Error).cause as { code?: number } | undefined;
    return {
      code: cause?.code ?? -1,
      field: err instanceof InvalidArgumentError ? err.field : undefined,
      message: (err as Error).message,
    };
  }
  throw new Error('the call succeeded');
}

/** The gRPC status code a call ended with: OK when it succeeded. */
export async function statusCodeOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(BatonError);
    return ((err as Error).cause as { code?: number } | undefined)?.code ?? -1;
  }
  return status.OK;
}
