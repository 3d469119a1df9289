/**
 * Secrets handed to a process as files (`*_PASSWORD_FILE`), the way Docker and Kubernetes
 * secrets arrive, so no password sits in an environment that `ps e`, `docker inspect` or a
 * crash dump would show.
 */
import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '../errors.js';

/**
 * The file's content without its trailing line break(s): editors and `echo` add one, and it is
 * never part of a password.
 * @throws InvalidArgumentError naming `variable` when the file cannot be read or is empty (the
 *   message names the path, never the content)
 */
export function readSecretFile(variable: string, path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new InvalidArgumentError(variable, `cannot read ${path} (${code})`, { cause: err });
  }
  const secret = text.replace(/(\r?\n)+$/, '');
  if (secret === '') throw new InvalidArgumentError(variable, `${path} is empty`);
  return secret;
}

/** Reads a PEM (or any binary) file named by a setting; errors name the setting. */
export function readSettingFile(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new InvalidArgumentError(variable, `cannot read ${path} (${code})`, { cause: err });
  }
}
