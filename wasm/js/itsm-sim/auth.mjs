// Authenticating Table API requests: HTTP Basic with a user's password, or Bearer with an OAuth
// access token or a fixed token. ServiceNow distinguishes "no credentials" from "wrong ones" only
// by the message text; both are 401 with the Basic challenge.
import { badCredentials, notAuthenticated } from './servicenow-errors.mjs';

function decodeBasic(encoded) {
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * Works out who is calling.
 * @param {string | undefined} header the Authorization header
 * @param {ReturnType<import('./accounts.mjs').createAccounts>} accounts
 * @param {ReturnType<import('./tokens.mjs').createTokenRegistry>} tokens
 * @returns {{user: object} | {response: import('./http-io.mjs').SimResponse}}
 */
export function authenticate(header, accounts, tokens) {
  if (!header || !header.trim()) return { response: notAuthenticated() };
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header);
  if (!match) return { response: badCredentials() };
  const [, scheme, credentials] = match;
  let user;
  if (scheme.toLowerCase() === 'basic') {
    const pair = decodeBasic(credentials);
    user = pair && accounts.checkPassword(pair.username, pair.password);
  } else if (scheme.toLowerCase() === 'bearer') {
    const username = tokens.verify(credentials);
    user = username ? accounts.user(username) : accounts.fixedToken(credentials);
  }
  return user ? { user } : { response: badCredentials() };
}
