// Masking personal data and secrets in text (the transcript before it leaves for the ITSM).
import { unwrap } from './core.mjs';
import { TicketbridgeError } from './errors.mjs';
import { redactText as redactReply } from './native-core.mjs';

/**
 * Masks e-mail addresses, phone numbers, card numbers, secrets and the admin's terms in
 * `text`. Returns {text, counts: {email, phone, card, secret, term}, invalidUtf8}.
 * Throws TicketbridgeError (REDACTION_*) for invalid options.
 */
export function redactText(text, options) {
  const optionsText = options === undefined ? '' : JSON.stringify(options);
  return unwrap(redactReply(String(text), optionsText), (d) => new TicketbridgeError(d));
}
