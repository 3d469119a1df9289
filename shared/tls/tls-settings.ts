/**
 * TLS_CA_FILE, TLS_CERT_FILE and TLS_KEY_FILE (shared/config/common-env.ts): all three turn
 * mutual TLS on for internal traffic, none leaves it off, and anything in between is refused at
 * start, naming what is missing, rather than silently serving plaintext.
 */
import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '../errors.js';

export interface TlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** The PEM bytes of a member's TLS identity and the CA it trusts. */
export interface TlsMaterial {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

export interface TlsEnv {
  TLS_CA_FILE?: string | undefined;
  TLS_CERT_FILE?: string | undefined;
  TLS_KEY_FILE?: string | undefined;
}

const VARIABLES = [
  ['TLS_CA_FILE', 'caFile'],
  ['TLS_CERT_FILE', 'certFile'],
  ['TLS_KEY_FILE', 'keyFile'],
] as const;

/**
 * The configured files, or undefined when none of the three is set.
 * @throws InvalidArgumentError naming the first missing variable when only some are set
 */
export function tlsFilesFrom(env: TlsEnv): TlsFiles | undefined {
  const set = VARIABLES.filter(([variable]) => nonEmpty(env[variable]));
  if (set.length === 0) return undefined;
  const missing = VARIABLES.find(([variable]) => !nonEmpty(env[variable]));
  if (missing !== undefined) {
    throw new InvalidArgumentError(
      missing[0],
      `required when ${set.map(([v]) => v).join(' and ')} ${set.length === 1 ? 'is' : 'are'} set ` +
        '(TLS_CA_FILE, TLS_CERT_FILE and TLS_KEY_FILE go together)',
    );
  }
  return {
    caFile: env.TLS_CA_FILE!,
    certFile: env.TLS_CERT_FILE!,
    keyFile: env.TLS_KEY_FILE!,
  };
}

/**
 * Reads the three files.
 * @throws InvalidArgumentError naming the variable whose file cannot be read
 */
export function readTlsMaterial(files: TlsFiles): TlsMaterial {
  const read = (variable: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new InvalidArgumentError(variable, `cannot read ${path}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  };
  return {
    ca: read('TLS_CA_FILE', files.caFile),
    cert: read('TLS_CERT_FILE', files.certFile),
    key: read('TLS_KEY_FILE', files.keyFile),
  };
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}
