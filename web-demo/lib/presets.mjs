// The presets in the console: GET /api/presets lists them for the page (secrets stripped, each
// credential's secret fields named), POST /api/presets/apply makes a preset's credential on the
// server and stores the settings the page built from it, in one step. The secret never travels:
// the server takes it from secrets.json, and refuses a body that carries one.
import { loadConfig } from 'ticketbridge';
import { listPresets, readPreset } from 'ticketbridge/presets';
import { losses, presetValueProblems } from '../src/shared/preset-values.js';
import { authForPage, secretFieldsOf, withoutSecrets } from './credentials.mjs';

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The presets as the page sees them: no secret placeholder, each credential's secret fields. */
export function presetsForPage() {
  return listPresets().map((p) => {
    const credentials = {};
    const secretFields = {};
    for (const [name, c] of Object.entries(p.config.credentials)) {
      credentials[name] = { ...c, auth: authForPage(c.auth) };
      secretFields[name] = secretFieldsOf(c.auth);
    }
    return { ...p, secretFields, config: { ...p.config, credentials } };
  });
}

class Refusal extends Error {
  constructor(status, code, message, errors) {
    super(message);
    Object.assign(this, { status, code, errors });
  }
}

/**
 * Checks and stores one application. `body`: {preset, credential: {name, baseUrl, auth (no
 * secret)}, settings: {apiCalls, escalation}, replace}. Resolves with the stored settings;
 * throws a Refusal ({status, code, message, errors?}) and stores nothing otherwise.
 */
export function applyPreset(body, { credentials, data }) {
  let preset;
  try {
    preset = readPreset(String(body?.preset ?? ''));
  } catch (err) {
    throw new Refusal(404, err.code, err.message);
  }
  const given = body?.credential ?? {};
  const name = typeof given.name === 'string' ? given.name.trim() : '';
  if (!name) throw new Refusal(400, 'DEMO_BAD_REQUEST', 'credential.name is required');
  const path = `/credentials/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  if (credentials.has(name)) {
    throw new Refusal(409, 'DEMO_CREDENTIAL_EXISTS', `a credential named "${name}" exists already: choose another name`, [{ code: 'DEMO_CREDENTIAL_EXISTS', message: `"${name}" is taken`, path }]);
  }
  const [template] = Object.values(preset.config.credentials);
  const secretFields = secretFieldsOf(template.auth);
  const auth = withoutSecrets(template.auth);
  const settable = authForPage(template.auth);
  for (const [field, value] of Object.entries(given.auth ?? {})) {
    if (!(field in settable) && field in template.auth && field !== 'type') {
      throw new Refusal(400, 'DEMO_SECRET_REFUSED', `${field} is a secret: it goes in ${credentials.secretsFile} on the server, never through the page`);
    }
    if (field === 'type' || !(field in settable) || typeof value !== 'string') {
      throw new Refusal(400, 'DEMO_BAD_REQUEST', `credential.auth.${field}: the preset's ${template.auth.type} auth has no such text field`);
    }
    auth[field] = value;
  }
  const credential = { ...template, baseUrl: given.baseUrl, auth };
  const settings = { apiCalls: body?.settings?.apiCalls, escalation: body?.settings?.escalation };
  const errors = presetValueProblems({ credential: { name, baseUrl: credential.baseUrl, auth }, fallbackUrl: settings.escalation?.fallbackUrl, withEscalation: true })
    .filter((p) => p.path !== '/escalation/fallbackUrl' || !same(settings.escalation, data.settings.escalation));
  const missing = credentials.missing(name, secretFields);
  for (const field of missing) {
    errors.push({ code: 'DEMO_SECRET_MISSING', message: `${credentials.secretsFile} has no "${field}" for "${name}" yet`, path: `${path}/auth/${field}` });
  }
  if (errors.length) throw new Refusal(422, errors[0].code, 'the preset still needs values', errors);
  const lost = losses(data.settings, settings);
  if (lost.length && data.edited && body?.replace !== true) {
    throw new Refusal(409, 'DEMO_CONFIRM_REPLACE', `this would replace what was configured (${lost.join(', ')}): confirm with replace, or add the preset's calls beside them`);
  }
  // The whole configuration as the relay will use it, the new secret included: the core's word.
  const full = { credentials: { ...credentials.all(), [name]: credentials.complete(name, credential, secretFields) }, ...settings };
  try {
    loadConfig(full);
  } catch (err) {
    throw new Refusal(422, err.code ?? 'CONFIG_INVALID', err.message, err.errors ?? []);
  }
  // A preset that replaced settings is the new starting point; calls added beside the admin's
  // own leave those edits counted, so a later replace still asks.
  data.applyPreset({ name, credential, secretFields }, settings, { newOrigin: lost.length > 0 });
  return data.settings;
}
