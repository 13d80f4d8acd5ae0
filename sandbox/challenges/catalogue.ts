/** The challenges, PortSwigger-style: each a goal, hints, and what solving it proves. */
import type { ChallengeId } from './progress.ts';

export interface Challenge {
  id: ChallengeId;
  title: string;
  goal: string;
  hints: string[];
  /** What the banner says when the server judges it solved. */
  solvedText: string;
}

export const CHALLENGES: readonly Challenge[] = [
  {
    id: 'forge',
    title: 'Forge an admin session with the public key',
    goal: "Open the Flask app's members' page as admin without the admin's password.",
    hints: [
      "The login view stores session['user_id'] = username. Log in as ada and decode your cookie to see it.",
      "The sandbox signs with the handout's example key, which is public.",
      'The lab\'s "Forge a session" signs any JSON you give it: try {"user_id": "admin"}.',
    ],
    solvedText:
      'The app accepted an admin session that /login never created: anyone who knows the secret key can sign any session.',
  },
  {
    id: 'weak-key',
    title: 'Guess a weak key, then forge',
    goal: 'Switch your sandbox to a weak, hidden key, find it, and become admin with it.',
    hints: [
      'In the lab: "Use a weak key and sign my session with it". The key is hidden from you.',
      '"Guess the key from my cookie" tries a word list offline against your signed cookie.',
      'Forge {"user_id": "admin"} and type the key you found (a hidden key is not used for you).',
    ],
    solvedText:
      'The app accepted an admin session signed with the weak key you guessed: a key from a word list is no secret.',
  },
  {
    id: 'replay',
    title: 'Replay the admin’s cookie after logout',
    goal: "Capture the admin's cookie, let the admin log out, send the cookie again: it works on the Flask engine. Then try the same on the server-side engine.",
    hints: [
      'Press "Watch the admin log in and out" below: you capture their cookie, as someone on the same open Wi-Fi could.',
      'Send it with "Replay it on the Flask engine". A signed cookie cannot be revoked: logging out only deleted the admin’s own copy.',
      'Now capture again on the server-side engine and replay: its row was deleted at logout, so the id opens nothing.',
    ],
    solvedText:
      'A captured admin cookie still worked after the admin logged out on the Flask engine, and the server-side engine refused the same replay: revocation needs server state.',
  },
];

export function challengeOf(id: ChallengeId): Challenge {
  return CHALLENGES.find((c) => c.id === id) as Challenge;
}
