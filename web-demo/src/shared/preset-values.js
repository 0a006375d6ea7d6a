// The rules a preset's use follows, shared by the console and the server (plain data, no DOM):
// what it leaves for the admin to give, and what applying it would replace.
//
// What a preset leaves for the admin to give. Its configuration loads as is, but its base URL,
// some user names and the fallback URL are examples (example.com, your-site..., CHANGE-ME) that
// reach nobody: the console and the server both refuse them, with one code and the path of the
// field, like the core's own problems.

const PLACEHOLDER = /CHANGE-ME|(^|[/.@])example\.(com|org|net)([/:]|$)|\/\/your-[a-z]+\./i;

export const isPlaceholder = (value) => typeof value === 'string' && PLACEHOLDER.test(value);

const pointer = (...tokens) => tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * Problems ({code, message, path}) for the values still to give. `credential` is
 * {name, baseUrl, auth (no secrets)}; `fallbackUrl` is checked when the preset's escalation
 * settings are used (`withEscalation`).
 */
export function presetValueProblems({ credential, fallbackUrl, withEscalation }) {
  const problems = [];
  const need = (path, what) => problems.push({ code: 'DEMO_PRESET_VALUE_NEEDED', message: `${what} is still the preset's example: give your own`, path });
  if (isPlaceholder(credential.baseUrl)) need(pointer('credentials', credential.name, 'baseUrl'), 'the base URL');
  for (const [field, value] of Object.entries(credential.auth ?? {})) {
    if (field !== 'type' && isPlaceholder(value)) need(pointer('credentials', credential.name, 'auth', field), `the ${field}`);
  }
  if (withEscalation && isPlaceholder(fallbackUrl)) need('/escalation/fallbackUrl', 'the fallback URL');
  return problems;
}

/** What `next` settings would drop or change of `current`: API call names, and "escalation settings". */
export function losses(current, next) {
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const lost = Object.keys(current.apiCalls ?? {}).filter((n) => !same(current.apiCalls[n], next.apiCalls?.[n]));
  if (current.escalation && !same(current.escalation, next.escalation)) lost.push('escalation settings');
  return lost;
}
