// The init Job's Kubernetes side (see k8s-init.sh): talks to the API server with the pod's
// service-account token, because the Baton image has no kubectl.
//
//   node put-secrets.mjs restore-ca DIR               ca.pem/ca-key.pem from Secret baton-ca
//   node put-secrets.mjs store DIR --member N:R:H ...  baton-ca, baton-N-tls, $PASSWORD_SECRETS
//
// Only missing Secrets are created; an existing one is never read beyond baton-ca, nor changed.
// A create that loses a race with another run (409) fails the run, and the Job retries it.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';

const ACCOUNT = process.env.SERVICE_ACCOUNT_DIR ?? '/var/run/secrets/kubernetes.io/serviceaccount';
const host = process.env.KUBERNETES_SERVICE_HOST;
const port = process.env.KUBERNETES_SERVICE_PORT ?? '443';
const namespace = readFileSync(join(ACCOUNT, 'namespace'), 'utf8').trim();
const token = readFileSync(join(ACCOUNT, 'token'), 'utf8').trim();
const ca = readFileSync(join(ACCOUNT, 'ca.crt'));

function api(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port,
        method,
        path: `/api/v1/namespaces/${namespace}/secrets${path}`,
        ca,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, json: text === '' ? {} : JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The Secret, or undefined when it does not exist; throws on any other answer. */
async function getSecret(name) {
  const { status, json } = await api('GET', `/${name}`);
  if (status === 404) return undefined;
  if (status !== 200) throw new Error(`GET secret ${name}: HTTP ${status} ${json.message ?? ''}`);
  return json;
}

async function createSecretIfMissing(name, type, files) {
  if ((await getSecret(name)) !== undefined) {
    console.log(`kept secret ${name}`);
    return;
  }
  const data = Object.fromEntries(
    Object.entries(files).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  );
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, labels: { 'app.kubernetes.io/part-of': 'baton' } },
    type,
    data,
  };
  const { status, json } = await api('POST', '', secret);
  if (status !== 201)
    throw new Error(`create secret ${name}: HTTP ${status} ${json.message ?? ''}`);
  console.log(`created secret ${name}`);
}

function memberNames(args) {
  const names = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--member' && args[i + 1] !== undefined) names.push(args[++i].split(':')[0]);
  }
  return names;
}

const [command, dir, ...rest] = process.argv.slice(2);
if (command === 'restore-ca') {
  const secret = await getSecret('baton-ca');
  if (secret !== undefined) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'ca.pem'), Buffer.from(secret.data['ca.crt'], 'base64'));
    writeFileSync(join(dir, 'ca-key.pem'), Buffer.from(secret.data['ca.key'], 'base64'), {
      mode: 0o600,
    });
    console.log('restored the CA from secret baton-ca');
  }
} else if (command === 'store') {
  const caCert = readFileSync(join(dir, 'ca.pem'));
  await createSecretIfMissing('baton-ca', 'Opaque', {
    'ca.crt': caCert,
    'ca.key': readFileSync(join(dir, 'ca-key.pem')),
  });
  for (const name of memberNames(rest)) {
    const cert = join(dir, `${name}.pem`);
    if (!existsSync(cert)) throw new Error(`baton certs init made no ${cert}`);
    await createSecretIfMissing(`baton-${name}-tls`, 'kubernetes.io/tls', {
      'ca.crt': caCert,
      'tls.crt': readFileSync(cert),
      'tls.key': readFileSync(join(dir, `${name}-key.pem`)),
    });
  }
  const passwords = (process.env.PASSWORD_SECRETS ?? '').split(',').filter((n) => n !== '');
  for (const name of passwords) {
    await createSecretIfMissing(name, 'Opaque', {
      password: randomBytes(24).toString('base64url'),
    });
  }
} else {
  throw new Error(`usage: put-secrets.mjs restore-ca|store DIR [--member NAME:ROLE:HOSTS ...]`);
}
