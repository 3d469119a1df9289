/**
 * Finding (and, on Debian as root, installing) the etcd and MariaDB server binaries that the
 * test suite and `baton cluster up` run as child processes, Debian's `docker-compose` that
 * the tests validate deploy/compose.yaml with, and `kubectl` that renders deploy/k8s.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';

export interface InfraBinaries {
  etcd: string;
  mariadbd: string;
  mariadbInstallDb: string;
}

const BINARY_NAMES: Record<keyof InfraBinaries, string> = {
  etcd: 'etcd',
  mariadbd: 'mariadbd',
  mariadbInstallDb: 'mariadb-install-db',
};
const PACKAGES = ['etcd-server', 'mariadb-server'];
const COMPOSE_PACKAGE = 'docker-compose';
const KUBECTL_PACKAGE = 'kubectl';
const SPIN_PACKAGE = 'spin';
// Debian keeps daemons in sbin dirs, which a non-root PATH usually lacks.
const EXTRA_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin'];

const POLICY_RC_D = '/usr/sbin/policy-rc.d';
const POLICY_RC_D_SAVED = `${POLICY_RC_D}.baton-saved`;
const POLICY_MARKER = '# baton local-infra';
const APT_LOCK_WAIT_MS = 120_000;
const APT_LOCK_RETRY_MS = 3_000;
const APT_LOCK_MESSAGE =
  /Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock/;

let pending: Promise<InfraBinaries> | undefined;
let pendingCompose: Promise<string> | undefined;
let pendingKubectl: Promise<string> | undefined;
let pendingSpin: Promise<string> | undefined;

/**
 * Returns the absolute paths of `etcd`, `mariadbd` and `mariadb-install-db`, searched in PATH,
 * then /usr/local/sbin, /usr/local/bin, /usr/sbin and /usr/bin.
 *
 * When one is missing and the process runs as root, installs the Debian packages `etcd-server`
 * and `mariadb-server` with apt-get (refreshing the package lists only when the first attempt
 * fails, waiting up to 2 minutes for another apt/dpkg to release its lock), with a temporary
 * `/usr/sbin/policy-rc.d` so Debian does not start system-wide etcd and MariaDB services.
 * Progress lines go to `log`. Concurrent calls in one process share one lookup/install.
 *
 * Throws an Error naming the packages and the apt-get command when not root, and an Error with
 * apt-get's output when the install fails or the binaries are still missing after it.
 */
export async function ensureInfraBinaries(
  log: (line: string) => void = () => {},
): Promise<InfraBinaries> {
  pending ??= locateOrInstall(log).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

async function locateOrInstall(log: (line: string) => void): Promise<InfraBinaries> {
  const first = await locateBinaries();
  if (first.found !== undefined) return first.found;
  await installMissing(PACKAGES, first.missing, log);
  const second = await locateBinaries();
  if (second.found !== undefined) return second.found;
  throw new Error(
    `apt-get installed ${PACKAGES.join(', ')} but ${second.missing.join(', ')} is still missing`,
  );
}

/**
 * Returns the absolute path of `docker-compose` (Debian 12 ships 1.29), searched like
 * {@link ensureInfraBinaries}; when it is missing and the process runs as root, installs the
 * Debian package `docker-compose` the same way (without recommended packages: no Docker
 * engine, which `docker-compose config` does not need).
 *
 * Throws an Error naming the package and the apt-get command when not root, and an Error with
 * apt-get's output when the install fails or the command is still missing after it.
 */
export async function ensureDockerCompose(log: (line: string) => void = () => {}): Promise<string> {
  pendingCompose ??= locateOrInstallCommand(COMPOSE_PACKAGE, log).catch((error: unknown) => {
    pendingCompose = undefined;
    throw error;
  });
  return pendingCompose;
}

/**
 * Returns the absolute path of `kubectl` (its `kustomize` subcommand renders deploy/k8s),
 * searched like {@link ensureInfraBinaries}; when it is missing and the process runs as root,
 * installs the Debian package `kubectl` the same way. No cluster is needed or contacted.
 *
 * Throws an Error naming the package and the apt-get command when not root, and an Error with
 * apt-get's output when the install fails or the command is still missing after it.
 */
export async function ensureKubectl(log: (line: string) => void = () => {}): Promise<string> {
  pendingKubectl ??= locateOrInstallCommand(KUBECTL_PACKAGE, log).catch((error: unknown) => {
    pendingKubectl = undefined;
    throw error;
  });
  return pendingKubectl;
}

/**
 * Returns the absolute path of `spin` (the SPIN model checker that checks test/model/),
 * searched like {@link ensureInfraBinaries}; when it is missing and the process runs as root,
 * installs the Debian package `spin` the same way. Throws like {@link ensureKubectl}.
 */
export async function ensureSpin(log: (line: string) => void = () => {}): Promise<string> {
  pendingSpin ??= locateOrInstallCommand(SPIN_PACKAGE, log).catch((error: unknown) => {
    pendingSpin = undefined;
    throw error;
  });
  return pendingSpin;
}

async function locateOrInstallCommand(name: string, log: (line: string) => void): Promise<string> {
  const found = await findExecutable(name, searchDirs());
  if (found !== undefined) return found;
  await installMissing([name], [name], log);
  const installed = await findExecutable(name, searchDirs());
  if (installed !== undefined) return installed;
  throw new Error(`apt-get installed ${name} but the command is still missing`);
}

/** Installs `packages` as root, or throws an Error saying how to when not root. */
async function installMissing(
  packages: string[],
  missing: string[],
  log: (line: string) => void,
): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing ${missing.join(', ')}. Install the Debian packages ${packages.join(' and ')} ` +
        `as root: sudo env ${installCommand(packages)}`,
    );
  }
  log(`missing ${missing.join(', ')}; installing ${packages.join(', ')} with apt-get`);
  await installPackages(packages, log);
}

function installArgs(packages: string[]): string[] {
  return ['install', '-y', '--no-install-recommends', ...packages];
}

function installCommand(packages: string[]): string {
  return `DEBIAN_FRONTEND=noninteractive apt-get ${installArgs(packages).join(' ')}`;
}

function searchDirs(): string[] {
  return [...new Set([...(process.env['PATH'] ?? '').split(delimiter), ...EXTRA_DIRS])];
}

async function locateBinaries(): Promise<{ found?: InfraBinaries; missing: string[] }> {
  const dirs = searchDirs();
  const [etcd, mariadbd, mariadbInstallDb] = await Promise.all(
    [BINARY_NAMES.etcd, BINARY_NAMES.mariadbd, BINARY_NAMES.mariadbInstallDb].map((name) =>
      findExecutable(name, dirs),
    ),
  );
  if (etcd !== undefined && mariadbd !== undefined && mariadbInstallDb !== undefined) {
    return { found: { etcd, mariadbd, mariadbInstallDb }, missing: [] };
  }
  const paths: Record<keyof InfraBinaries, string | undefined> = {
    etcd,
    mariadbd,
    mariadbInstallDb,
  };
  const missing = (Object.keys(paths) as (keyof InfraBinaries)[])
    .filter((key) => paths[key] === undefined)
    .map((key) => BINARY_NAMES[key]);
  return { missing };
}

async function findExecutable(name: string, dirs: string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    if (!dir.startsWith('/')) continue;
    const path = join(dir, name);
    try {
      await access(path, constants.X_OK);
      return path;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

async function installPackages(packages: string[], log: (line: string) => void): Promise<void> {
  const restorePolicy = await blockServiceStarts();
  try {
    try {
      await aptGet(installArgs(packages), packages, log);
    } catch {
      // Fresh images ship without package lists; stale lists point at removed .debs.
      log('apt-get install failed; running apt-get update and retrying');
      await aptGet(['update'], packages, log);
      await aptGet(installArgs(packages), packages, log);
    }
  } finally {
    await restorePolicy();
  }
}

/**
 * Installs a policy-rc.d that refuses every service start (exit 101), so the packages' postinst
 * scripts do not start system-wide daemons. Returns the function that puts things back.
 */
async function blockServiceStarts(): Promise<() => Promise<void>> {
  const existing = await readFile(POLICY_RC_D, 'utf8').catch(() => undefined);
  // Another baton process is installing right now; its policy covers us, and it removes it.
  if (existing?.includes(POLICY_MARKER)) return async () => {};
  if (existing !== undefined) await rename(POLICY_RC_D, POLICY_RC_D_SAVED);
  const script = `#!/bin/sh\n${POLICY_MARKER}: no service starts while packages install\nexit 101\n`;
  await writeFile(POLICY_RC_D, script, { mode: 0o755 });
  return async () => {
    if (existing !== undefined) await rename(POLICY_RC_D_SAVED, POLICY_RC_D);
    else await rm(POLICY_RC_D, { force: true });
  };
}

/**
 * Runs apt-get on behalf of installing `packages`, retrying while another apt/dpkg holds its
 * lock (for up to 2 minutes).
 */
async function aptGet(
  args: string[],
  packages: string[],
  log: (line: string) => void,
): Promise<void> {
  const deadline = Date.now() + APT_LOCK_WAIT_MS;
  for (;;) {
    const { code, output } = await runCapturing('apt-get', args, packages, log);
    if (code === 0) return;
    if (APT_LOCK_MESSAGE.test(output) && Date.now() < deadline) {
      log('apt/dpkg is locked by another process; waiting');
      await delay(APT_LOCK_RETRY_MS);
      continue;
    }
    throw new Error(
      `apt-get ${args.join(' ')} failed (exit ${code}); to install by hand run: ${installCommand(packages)}\n` +
        output.slice(-4000),
    );
  }
}

function runCapturing(
  command: string,
  args: string[],
  packages: string[],
  log: (line: string) => void,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        log(line);
      });
    }
    child.once('error', (error) =>
      reject(
        new Error(`cannot run ${command}; install ${packages.join(' and ')} by hand`, {
          cause: error,
        }),
      ),
    );
    child.once('close', (code) => resolve({ code, output: lines.join('\n') }));
  });
}
