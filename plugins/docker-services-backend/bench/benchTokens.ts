/*
 * Sign-in for many people on the backend the portal benchmarks start
 * (scripts/bench-portal): that backend's auth plugin signs its user tokens
 * with a key pair of the run's own (auth.keyStore provider `static`, in the
 * run's config overlay, never in a shipped config), so the bench can hand
 * each virtual person a token of a different catalog user, as an identity
 * provider would after their sign-in. The guest provider signs in one user
 * only. The private key lives in the run's temporary folder and goes with
 * it; the backend listens on 127.0.0.1 only. As the auth plugin's own
 * tokens do by default, these carry no ownership claims: the backend reads
 * them from its record of the user's sign-in (`/api/auth/v1/userinfo`),
 * which recordSignIns writes as a sign-in would. Not part of the plugin.
 */
import knexFactory from 'knex';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The key's id in the backend's JWKS and in the tokens' header. */
export const BENCH_KEY_ID = 'bench-portal';
const PRIVATE_FILE = 'bench-signing-key.pem';
const PUBLIC_FILE = 'bench-signing-key.pub.pem';
const base64url = (data: string | Buffer) =>
  Buffer.from(data).toString('base64url');

/**
 * Writes a new ES256 key pair into `dir`; returns the files for the
 * backend's `auth.keyStore.static.keys`.
 */
export function writeSigningKey(dir: string) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  const privateKeyFile = path.join(dir, PRIVATE_FILE);
  const publicKeyFile = path.join(dir, PUBLIC_FILE);
  fs.writeFileSync(
    privateKeyFile,
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
    { mode: 0o600 },
  );
  fs.writeFileSync(
    publicKeyFile,
    publicKey.export({ type: 'spki', format: 'pem' }),
  );
  return { privateKeyFile, publicKeyFile };
}

function sign(key: crypto.KeyObject, header: object, payload: object) {
  const input = `${base64url(JSON.stringify(header))}.${base64url(
    JSON.stringify(payload),
  )}`;
  const signature = crypto.sign('sha256', Buffer.from(input), {
    key,
    dsaEncoding: 'ieee-p1363',
  });
  return { input, signature: base64url(signature) };
}

/**
 * A user token as the backend's auth plugin issues one (header type
 * `vnd.backstage.user`, audience `backstage`, the user identity proof
 * `uip`, no ownership claims), for `userEntityRef`, signed with the run's
 * key from `dir`.
 */
export function userToken(options: {
  dir: string;
  issuer: string;
  userEntityRef: string;
  seconds?: number;
}): string {
  const key = crypto.createPrivateKey(
    fs.readFileSync(path.join(options.dir, PRIVATE_FILE)),
  );
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + (options.seconds ?? 3600);
  const sub = options.userEntityRef;
  // What a limited token of the same user is signed as (the auth plugin's `uip`).
  const uip = sign(
    key,
    { typ: 'vnd.backstage.limited-user', alg: 'ES256', kid: BENCH_KEY_ID },
    { sub, iat, exp },
  ).signature;
  const { input, signature } = sign(
    key,
    { typ: 'vnd.backstage.user', alg: 'ES256', kid: BENCH_KEY_ID },
    {
      iss: options.issuer,
      sub,
      aud: 'backstage',
      iat,
      exp,
      uip,
    },
  );
  return `${input}.${signature}`;
}

/**
 * Records the users' sign-ins in the auth plugin's database (SQLite in the
 * run's data folder `dataDir`, or with BENCH_PG_URL its PostgreSQL
 * database, named with BENCH_PG_PREFIX), as its sign-in does
 * (`user_info`: the user and their ownership claims), so that
 * `/api/auth/v1/userinfo` answers for their tokens. Call once the backend
 * is ready.
 */
export async function recordSignIns(
  dataDir: string,
  users: { userEntityRef: string; ownershipEntityRefs: string[] }[],
) {
  const pgUrl = process.env.BENCH_PG_URL;
  const authDb = pgUrl && new URL(pgUrl);
  if (authDb) {
    authDb.pathname = `/${process.env.BENCH_PG_PREFIX ?? 'dsbench_'}auth`;
  }
  const db = authDb
    ? knexFactory({ client: 'pg', connection: authDb.toString() })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dataDir, 'auth.sqlite') },
        useNullAsDefault: true,
      });
  try {
    const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
    await db('user_info')
      .insert(
        users.map(u => ({
          user_entity_ref: u.userEntityRef,
          user_info: JSON.stringify({
            claims: { sub: u.userEntityRef, ent: u.ownershipEntityRefs },
          }),
          updated_at: at,
        })),
      )
      .onConflict('user_entity_ref')
      .merge();
  } finally {
    await db.destroy();
  }
}
