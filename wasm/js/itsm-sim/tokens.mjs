// OAuth tokens issued by /oauth_token.do. They live in memory only and expire after the
// configured lifetime; the clock is injectable so tests can pass expiry without sleeping.
import { randomBytes } from 'node:crypto';

/** ServiceNow's default access token lifetime (expires_in 1799). */
export const DEFAULT_TOKEN_TTL_MS = 1799 * 1000;
/** ServiceNow's default refresh token lifetime: 100 days. */
export const DEFAULT_REFRESH_TTL_MS = 100 * 24 * 3600 * 1000;

function newToken() {
  return randomBytes(64).toString('base64url');
}

/**
 * @param {{ttlMs: number, refreshTtlMs: number, now: () => number}} options
 */
export function createTokenRegistry({ ttlMs, refreshTtlMs, now }) {
  /** @type {Map<string, {username: string, expiresAt: number}>} */
  const access = new Map();
  /** @type {Map<string, {username: string, clientId: string, scope: string, expiresAt: number}>} */
  const refresh = new Map();

  // Forgets expired entries so a long-running demo does not accumulate them.
  function prune(map) {
    const t = now();
    for (const [token, entry] of map) if (entry.expiresAt <= t) map.delete(token);
  }

  return {
    /**
     * Issues an access token (and a refresh token when asked) in the token endpoint's shape.
     * @returns {{access_token: string, refresh_token?: string, scope: string, token_type: 'Bearer', expires_in: number}}
     */
    issue(username, clientId, scope, withRefresh) {
      prune(access);
      prune(refresh);
      const token = newToken();
      access.set(token, { username, expiresAt: now() + ttlMs });
      const answer = { access_token: token };
      if (withRefresh) {
        const refreshToken = newToken();
        refresh.set(refreshToken, { username, clientId, scope, expiresAt: now() + refreshTtlMs });
        answer.refresh_token = refreshToken;
      }
      return { ...answer, scope, token_type: 'Bearer', expires_in: Math.floor(ttlMs / 1000) };
    },
    /** The user name an unexpired access token belongs to, or undefined. */
    verify(token) {
      const entry = access.get(token);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        access.delete(token);
        return undefined;
      }
      return entry.username;
    },
    /** The grant a live refresh token stands for, if it was issued to `clientId`. */
    redeem(refreshToken, clientId) {
      const entry = refresh.get(refreshToken);
      if (!entry || entry.clientId !== clientId || entry.expiresAt <= now()) return undefined;
      return entry;
    },
    /** Revokes everything issued so far; returns how many access tokens were live. */
    revokeAll() {
      prune(access);
      const count = access.size;
      access.clear();
      refresh.clear();
      return count;
    },
  };
}
