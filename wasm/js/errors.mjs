// Errors from the core arrive as {code, message, path|position|line|column|token|value}
// values; the façade throws them as Error subclasses so callers can `instanceof` and
// switch on `code`.

/** Base class: every error the package throws has a stable `code`. */
export class TicketbridgeError extends Error {
  constructor(detail) {
    super(detail.message);
    this.name = 'TicketbridgeError';
    for (const [key, value] of Object.entries(detail)) {
      if (key !== 'message') this[key] = value;
    }
  }

  toJSON() {
    const out = { code: this.code, message: this.message };
    for (const key of ['path', 'position', 'line', 'column', 'token', 'value', 'errors']) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    return out;
  }
}

/** The configuration did not load; `errors` lists every problem found. */
export class ConfigError extends TicketbridgeError {
  constructor(detail) {
    super(detail);
    this.name = 'ConfigError';
  }
}

/** A JSONata expression failed to compile or evaluate (codes S0xxx, T0xxx, D1xxx-D3xxx). */
export class JsonataError extends TicketbridgeError {
  constructor(detail) {
    super(detail);
    this.name = 'JsonataError';
  }
}

/** A template could not be rendered (e.g. a required parameter has no value). */
export class RenderError extends TicketbridgeError {
  constructor(detail) {
    super(detail);
    this.name = 'RenderError';
  }
}

/** The host drove the escalation machine wrongly, or a snapshot/conversation is invalid. */
export class EscalationError extends TicketbridgeError {
  constructor(detail) {
    super(detail);
    this.name = 'EscalationError';
  }
}

/** A snapshot store refused a location or failed (codes STORE_*). */
export class StoreError extends TicketbridgeError {
  constructor(detail) {
    super(detail);
    this.name = 'StoreError';
  }
}

/** Picks the subclass from the code's family. */
export function errorFromCore(detail) {
  const code = detail.code ?? '';
  if (code.startsWith('CONFIG_')) return new ConfigError(detail);
  if (code.startsWith('TEMPLATE_')) return new RenderError(detail);
  if (/^[STDU]\d{4}$/.test(code) || code.startsWith('REGEX_') || code.startsWith('JSONATA_')
    || code.startsWith('PICTURES_')) return new JsonataError(detail);
  return new EscalationError(detail);
}
