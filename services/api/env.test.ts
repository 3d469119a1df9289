import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../shared/config/common-env.js';
import { InvalidArgumentError } from '../../shared/errors.js';
import { apiEnvSchema, apiLimitsOf } from './env.js';

const base = { ETCD_ENDPOINTS: 'http://127.0.0.1:2379', MYSQL_URL: 'mysql://u:p@h:3306/d' };

describe('api environment', () => {
  it('defaults the limits to the documented values', () => {
    expect(apiLimitsOf(parseEnv(apiEnvSchema, base))).toEqual({
      definitionBytes: 1024 * 1024,
      tasks: 1000,
      commandBytes: 64 * 1024,
      paramsBytes: 64 * 1024,
      paramCount: 256,
      pendingStarts: 10_000,
    });
  });

  it('reads each limit from its variable', () => {
    const env = parseEnv(apiEnvSchema, {
      ...base,
      MAX_DEFINITION_BYTES: '2048',
      MAX_TASKS_PER_DEFINITION: '3',
      MAX_COMMAND_BYTES: '64',
      MAX_PARAMS_BYTES: '32',
      MAX_PARAM_COUNT: '4',
      MAX_PENDING_STARTS: '5',
    });
    expect(apiLimitsOf(env)).toEqual({
      definitionBytes: 2048,
      tasks: 3,
      commandBytes: 64,
      paramsBytes: 32,
      paramCount: 4,
      pendingStarts: 5,
    });
  });

  it.each(['0', '-1', '1.5', 'many'])('refuses MAX_PENDING_STARTS=%s naming it', (value) => {
    expect(() => parseEnv(apiEnvSchema, { ...base, MAX_PENDING_STARTS: value })).toThrow(
      InvalidArgumentError,
    );
    try {
      parseEnv(apiEnvSchema, { ...base, MAX_PENDING_STARTS: value });
    } catch (err) {
      expect((err as InvalidArgumentError).field).toBe('MAX_PENDING_STARTS');
    }
  });

  it('remembers request ids 7 days unless REQUEST_ID_RETENTION says otherwise', () => {
    expect(parseEnv(apiEnvSchema, base).REQUEST_ID_RETENTION).toBe(7 * 24 * 3600 * 1000);
    const env = parseEnv(apiEnvSchema, { ...base, REQUEST_ID_RETENTION: '90s' });
    expect(env.REQUEST_ID_RETENTION).toBe(90_000);
  });

  it.each(['0s', '10', 'forever', '31d'])('refuses REQUEST_ID_RETENTION=%s naming it', (value) => {
    try {
      parseEnv(apiEnvSchema, { ...base, REQUEST_ID_RETENTION: value });
      expect.unreachable('accepted');
    } catch (err) {
      expect((err as InvalidArgumentError).field).toBe('REQUEST_ID_RETENTION');
    }
  });
});
