// Who may call the simulator: Basic users (with roles), OAuth clients (each acting as a user, as
// a ServiceNow OAuth application does) and fixed bearer tokens. Defaults match the demo's docs.
import { createHash, timingSafeEqual } from 'node:crypto';

/** Default Basic users: one ITIL user who may create incidents, one read-only user. */
export const DEFAULT_USERS = Object.freeze([
  { username: 'tb.integration', password: 'tb-demo-password', roles: ['itil'], name: 'TicketBridge Integration' },
  { username: 'tb.readonly', password: 'tb-readonly-password', roles: ['snc_read_only'], name: 'TicketBridge Read-only' },
]);

/** Default OAuth client for `POST /oauth_token.do`; its tokens act as `user`. */
export const DEFAULT_OAUTH_CLIENTS = Object.freeze([
  { clientId: 'tb-client', clientSecret: 'tb-client-secret', user: 'tb.integration' },
]);

/** Default fixed bearer token (the "Bearer token" authorization type); it never expires. */
export const DEFAULT_BEARER_TOKENS = Object.freeze([{ token: 'tb-demo-bearer-token', user: 'tb.integration' }]);

/** Roles that carry the right to insert incidents. */
const INSERT_ROLES = ['itil', 'admin'];

/** Compares secrets in constant time (hashing first makes the lengths equal). */
export function sameSecret(given, expected) {
  const digest = (s) => createHash('sha256').update(String(s)).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function requireString(value, what) {
  if (typeof value !== 'string' || value === '') throw new TypeError(`itsm-sim: ${what} must be a non-empty string`);
  return value;
}

/**
 * Validates the account options and returns lookups over them.
 * @param {{users?: object[], oauthClients?: object[], bearerTokens?: object[]}} options
 */
export function createAccounts(options = {}) {
  const users = (options.users ?? DEFAULT_USERS).map((u, i) => ({
    username: requireString(u.username, `users[${i}].username`),
    password: requireString(u.password, `users[${i}].password`),
    roles: Array.isArray(u.roles) ? u.roles.map(String) : [],
    name: typeof u.name === 'string' ? u.name : u.username,
  }));
  const byName = new Map(users.map((u) => [u.username, u]));
  const userNamed = (name, what) => {
    const user = byName.get(name);
    if (!user) throw new TypeError(`itsm-sim: ${what} refers to unknown user "${name}"`);
    return user;
  };
  const clients = (options.oauthClients ?? DEFAULT_OAUTH_CLIENTS).map((c, i) => ({
    clientId: requireString(c.clientId, `oauthClients[${i}].clientId`),
    clientSecret: requireString(c.clientSecret, `oauthClients[${i}].clientSecret`),
    user: userNamed(c.user, `oauthClients[${i}].user`),
  }));
  const tokens = (options.bearerTokens ?? DEFAULT_BEARER_TOKENS).map((t, i) => ({
    token: requireString(t.token, `bearerTokens[${i}].token`),
    user: userNamed(t.user, `bearerTokens[${i}].user`),
  }));

  return {
    users,
    clients,
    tokens,
    /** The user whose password matches, or undefined. */
    checkPassword(username, password) {
      const user = byName.get(username);
      return user && sameSecret(password, user.password) ? user : undefined;
    },
    /** The client whose secret matches, or undefined. */
    checkClient(clientId, clientSecret) {
      const client = clients.find((c) => c.clientId === clientId);
      return client && sameSecret(clientSecret, client.clientSecret) ? client : undefined;
    },
    /** The user a fixed bearer token stands for, or undefined. */
    fixedToken(token) {
      return tokens.find((t) => sameSecret(token, t.token))?.user;
    },
    user(username) {
      return byName.get(username);
    },
  };
}

/** Whether a user's roles allow inserting incidents. */
export function mayInsert(user) {
  return user.roles.some((role) => INSERT_ROLES.includes(role));
}
