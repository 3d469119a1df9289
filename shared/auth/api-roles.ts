import { InvalidArgumentError } from '../errors.js';

/** What an api token may do; each role includes the ones before it. */
export const API_ROLES = ['viewer', 'operator', 'admin'] as const;

export type ApiRole = (typeof API_ROLES)[number];

export function isApiRole(value: string): value is ApiRole {
  return (API_ROLES as readonly string[]).includes(value);
}

/** True when a token of role `held` may call a method that needs `needed`. */
export function roleAllows(held: ApiRole, needed: ApiRole): boolean {
  return API_ROLES.indexOf(held) >= API_ROLES.indexOf(needed);
}

/** @throws InvalidArgumentError naming `field` when `value` is not a role */
export function parseApiRole(value: string, field: string): ApiRole {
  if (!isApiRole(value)) {
    throw new InvalidArgumentError(field, `must be one of ${API_ROLES.join(', ')}`);
  }
  return value;
}
