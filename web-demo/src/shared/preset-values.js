// What a preset leaves for the admin to give. Its configuration loads as is, but its base URL,
// some user names and the fallback URL are examples (example.com, your-site..., CHANGE-ME) that
// reach nobody: the console and the server both refuse them, with one code and the path of the
// field, like the core's own problems. Plain data in, no DOM: the page and the server share it.

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
