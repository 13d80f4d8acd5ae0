/** The oracle's vectors (test/fixtures/flask-vectors.json), typed. */
import { readFileSync } from 'node:fs';

export interface SignVector {
  name: string;
  secret: string;
  timestamp: number;
  session: unknown;
  cookie: string;
  payload: string;
  compressed: boolean;
}

export interface LoadVector {
  name: string;
  secret: string;
  cookie: string;
  expect: 'BadSignature' | 'BadPayload' | 'SignatureExpired' | 'ok';
  exception?: string;
  session?: unknown;
  max_age?: number;
  now?: number;
}

export const vectors: { vectors: SignVector[]; negative: LoadVector[]; lenient: LoadVector[] } = JSON.parse(
  readFileSync(new URL('../fixtures/flask-vectors.json', import.meta.url), 'utf8'),
);
