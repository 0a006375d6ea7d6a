// The server's credentials: the built-in one (the demo's ITSM) and those an admin made from a
// preset. A preset credential's base URL and user name sit in the data file; its secret sits
// only in <data dir>/secrets.json ({"<credential>": {"<field>": "<secret>"}}), which the admin
// writes on the server and which is read afresh on every use, so a new secret works without a
// restart. No answer of the server ever carries a secret: the page learns only whether each
// one is set.
import fs from 'node:fs';

// The auth fields that hold a secret, by auth type (docs/configuration.md).
const SECRET_FIELDS = { basic: ['password'], bearer: ['token'], apiKey: ['value'], oauth2ClientCredentials: ['clientSecret'] };
// Stands for a secret the file does not (or no longer) hold: long enough for the engine's
// checks, so the rest of the configuration stays usable; the ITSM refuses it (401).
export const MISSING_SECRET = 'MISSING-see-secrets.json';

/**
 * The fields of `auth` that hold a secret the admin must give: those the preset marks
 * CHANGE-ME (Freshservice's API key is the Basic user name, its password is ignored), or, when
 * none is marked, the auth type's own.
 */
export function secretFieldsOf(auth) {
  const marked = Object.entries(auth ?? {}).filter(([, v]) => typeof v === 'string' && v.startsWith('CHANGE-ME')).map(([k]) => k);
  return marked.length ? marked : [...(SECRET_FIELDS[auth?.type] ?? [])];
}

/** `auth` without its secret fields: what the data file keeps. */
export function withoutSecrets(auth) {
  const secret = new Set(secretFieldsOf(auth));
  return Object.fromEntries(Object.entries(auth ?? {}).filter(([k]) => !secret.has(k)));
}

/** What the page may see and set of `auth`: no secret, and no field of a secret kind at all. */
export function authForPage(auth) {
  const hidden = new Set([...secretFieldsOf(auth), ...(SECRET_FIELDS[auth?.type] ?? [])]);
  return Object.fromEntries(Object.entries(auth ?? {}).filter(([k]) => !hidden.has(k)));
}

/**
 * `builtin`: name → full credential (secrets included, from the server's own setup);
 * `data`: the data file (its `credentials`); `secretsFile`: the path of secrets.json.
 */
export function createCredentials({ builtin, data, secretsFile }) {
  function readSecrets() {
    if (!fs.existsSync(secretsFile)) return { secrets: {}, error: null };
    try {
      const secrets = JSON.parse(fs.readFileSync(secretsFile, 'utf8'));
      if (!secrets || typeof secrets !== 'object' || Array.isArray(secrets)) throw new Error('not a JSON object');
      return { secrets, error: null };
    } catch (err) {
      // Never echo the file: it is full of secrets. The reason is JSON.parse's, which quotes
      // no more than a token of it, so say only where it failed.
      return { secrets: {}, error: `${secretsFile} is not a JSON object of credentials (${err instanceof SyntaxError ? 'JSON syntax error' : err.message}): fix it on the server` };
    }
  }

  const secretOf = (secrets, name, field) => {
    const value = secrets[name]?.[field];
    return typeof value === 'string' && value !== '' ? value : null;
  };

  function complete(secrets, name, { credential, secretFields }) {
    const auth = { ...credential.auth };
    for (const field of secretFields) auth[field] = secretOf(secrets, name, field) ?? MISSING_SECRET;
    return { ...credential, auth };
  }

  return {
    secretsFile,
    /** Every credential with its secrets (server-side only: the relay and validation use it). */
    all() {
      const { secrets } = readSecrets();
      const out = {};
      for (const [name, stored] of Object.entries(data.credentials)) out[name] = complete(secrets, name, stored);
      return { ...out, ...builtin };
    },
    /** `credential` (no secret) as the relay would use it under `name`, secrets.json's secrets added. */
    complete(name, credential, secretFields) {
      return complete(readSecrets().secrets, name, { credential, secretFields });
    },
    names() {
      return [...new Set([...Object.keys(data.credentials), ...Object.keys(builtin)])];
    },
    has(name) {
      return Object.prototype.hasOwnProperty.call(builtin, name) || Object.prototype.hasOwnProperty.call(data.credentials, name);
    },
    /**
     * What the page may know: which fields secrets.json sets for each name (names and field
     * names only, never a value), and `error` when the file cannot be read.
     */
    status() {
      const { secrets, error } = readSecrets();
      const set = {};
      for (const [name, fields] of Object.entries(secrets)) {
        if (fields && typeof fields === 'object') set[name] = Object.keys(fields).filter((f) => secretOf(secrets, name, f) !== null);
      }
      return { file: secretsFile, error, set };
    },
    /** The secret fields `name` still lacks in secrets.json. */
    missing(name, secretFields) {
      const { secrets } = readSecrets();
      return secretFields.filter((f) => secretOf(secrets, name, f) === null);
    },
  };
}
