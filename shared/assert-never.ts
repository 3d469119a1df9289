import { InternalError } from './errors.js';

/** Exhaustiveness for `switch` over a union: the compiler proves this is never reached. */
export function assertNever(value: never): never {
  throw new InternalError(`unexpected value ${String(value)}`);
}
