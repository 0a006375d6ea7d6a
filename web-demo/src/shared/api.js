// JSON over fetch with one error shape: every failure (the network, an HTTP error, a body
// that is not JSON) rejects with an Error carrying {code, message} and, from the server,
// its `errors` ({code, message, path} from the core) or `report`.
export class ApiError extends Error {
  constructor({ code, message }, extra = {}) {
    super(message);
    this.code = code;
    Object.assign(this, extra);
  }
}

export async function request(method, url, body, { type = 'application/json' } = {}) {
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': type, accept: 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ code: 'NETWORK', message: 'The demo server could not be reached. Check that it is running, then try again.' });
  }
  let answer;
  try {
    answer = await res.json();
  } catch {
    throw new ApiError({ code: `HTTP_${res.status}`, message: `The demo server answered HTTP ${res.status} without JSON.` });
  }
  if (!res.ok) {
    const { error = { code: `HTTP_${res.status}`, message: `HTTP ${res.status}` }, ...rest } = answer ?? {};
    throw new ApiError(error, rest);
  }
  return answer;
}

export const getJson = (url) => request('GET', url);
export const putJson = (url, body) => request('PUT', url, body);

/** The page setup: {config (credentials point at the relay, absolute), categoriesCsv, credentials}. */
export async function pageSetup(url = '/api/page-config') {
  const setup = await getJson(url);
  // The package wants absolute base URLs; the server gives them relative to this origin.
  for (const credential of Object.values(setup.config.credentials)) {
    credential.baseUrl = new URL(credential.baseUrl, location.href).href;
  }
  return setup;
}
