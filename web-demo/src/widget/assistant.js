// The scripted assistant: a handful of self-help answers, and the rules for when to stop
// answering and propose a ticket instead (no answer, the answer did not help, or the
// employee asks for a person).
const ANSWERS = [
  {
    topic: 'password',
    words: ['password', 'locked out', 'log in', 'login', 'sign in'],
    text: 'You can reset your password yourself: open the Self-service portal, choose "Forgot password" and follow the code sent to your phone. Did that help?',
  },
  {
    topic: 'vpn',
    words: ['vpn', 'remote access'],
    text: 'For VPN trouble: quit the VPN client, check that you are online, start it again and sign in with your usual account. Did that help?',
  },
  {
    topic: 'printer',
    words: ['printer', 'print', 'printing'],
    text: 'Printers are added from Settings > Printers: choose "Add", pick the printer named on its label. Did that help?',
  },
  {
    topic: 'wifi',
    words: ['wifi', 'wi-fi', 'wireless'],
    text: 'For Wi-Fi: turn Wi-Fi off and on, then "forget" the office network and join it again with your account. Did that help?',
  },
  {
    topic: 'outlook',
    words: ['outlook', 'mailbox', 'calendar'],
    text: 'If Outlook is slow or stuck: close it, start it again while holding Ctrl to open it in safe mode, and see whether the problem remains. Did that help?',
  },
];

const ASKS_FOR_PERSON = /\b(human|person|agent|someone|somebody|technician|service desk|help desk|ticket)\b/i;
const NOT_RESOLVED = /\b(still|didn'?t help|did not help|doesn'?t work|does not work|not working|no luck|broken|no)\b/i;
const RESOLVED = /\b(yes|thanks|thank you|that worked|it worked|solved|fixed)\b/i;

/**
 * The assistant's next step after `text`: {kind: 'answer', text, topic} or {kind: 'resolved', text}
 * or {kind: 'escalate', reason}. `lastTopic` is the topic of the previous answer, if any.
 */
export function nextStep(text, lastTopic) {
  if (ASKS_FOR_PERSON.test(text)) return { kind: 'escalate', reason: 'The employee asked for a person' };
  if (lastTopic && NOT_RESOLVED.test(text)) return { kind: 'escalate', reason: 'The self-help answer did not resolve the issue' };
  if (lastTopic && RESOLVED.test(text)) return { kind: 'resolved', text: 'Glad that fixed it. Anything else?' };
  const lower = text.toLowerCase();
  const found = ANSWERS.find((a) => a.words.some((w) => lower.includes(w)));
  if (found) return { kind: 'answer', text: found.text, topic: found.topic };
  return { kind: 'escalate', reason: 'The assistant had no answer for this question' };
}

/** A one-line summary for the ticket: the employee's first words about the problem. */
export function summarise(messages) {
  const said = messages.filter((m) => m.role === 'employee').map((m) => m.text.trim());
  const first = said.find((t) => !ASKS_FOR_PERSON.test(t) || t.length > 40) ?? said[0] ?? 'Help requested';
  const line = first.replace(/\s+/g, ' ');
  return line.length > 150 ? `${line.slice(0, 147)}...` : line;
}

export const GREETING = 'Hi, I am the service-desk assistant. Tell me what is wrong and I will try to fix it with you; if I cannot, I can open a ticket for the service desk.';
