// POST /oauth_token.do: ServiceNow's OAuth token endpoint. Supports the client_credentials grant
// (the one ticket escalation uses), plus password and refresh_token so clients that refresh can
// be exercised. The client authenticates with client_id/client_secret in the form or with HTTP
// Basic. Error bodies follow ServiceNow's token endpoint, which is not the Table API's shape.
import { jsonResponse } from './http-io.mjs';

const DEFAULT_SCOPE = 'useraccount';

function oauthError(status, error, description) {
  return jsonResponse(status, { error_description: description, error });
}

const accessDenied = () => oauthError(401, 'server_error', 'access_denied');

function clientFrom(form, header) {
  const basic = /^basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (basic) {
    const text = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon >= 0) return { id: decodeURIComponent(text.slice(0, colon)), secret: decodeURIComponent(text.slice(colon + 1)) };
  }
  return { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
}

/**
 * Answers a token request.
 * @param {{headers: Record<string, string | undefined>, body: Buffer}} request
 * @param {ReturnType<import('./accounts.mjs').createAccounts>} accounts
 * @param {ReturnType<import('./tokens.mjs').createTokenRegistry>} tokens
 */
export function handleTokenRequest(request, accounts, tokens) {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(request.body.toString('utf8'));
  const grant = form.get('grant_type');
  if (!grant) return oauthError(400, 'invalid_request', 'grant_type is required');
  if (!['client_credentials', 'password', 'refresh_token'].includes(grant)) {
    return oauthError(400, 'unsupported_grant_type', `grant_type ${grant} is not supported`);
  }
  let clientIds;
  try {
    clientIds = clientFrom(form, request.headers.authorization);
  } catch {
    return accessDenied();
  }
  const client = accounts.checkClient(clientIds.id, clientIds.secret);
  if (!client) return accessDenied();
  const scope = form.get('scope') || DEFAULT_SCOPE;

  if (grant === 'client_credentials') {
    return jsonResponse(200, tokens.issue(client.user.username, client.clientId, scope, false));
  }
  if (grant === 'password') {
    const user = accounts.checkPassword(form.get('username') ?? '', form.get('password') ?? '');
    if (!user) return accessDenied();
    return jsonResponse(200, tokens.issue(user.username, client.clientId, scope, true));
  }
  const granted = tokens.redeem(form.get('refresh_token') ?? '', client.clientId);
  if (!granted) return accessDenied();
  const answer = tokens.issue(granted.username, client.clientId, form.get('scope') || granted.scope, false);
  return jsonResponse(200, { ...answer, refresh_token: form.get('refresh_token') });
}
