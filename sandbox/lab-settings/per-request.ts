/**
 * The learner's lab settings, opened once per request: one middleware unseals the `sandbox_lab`
 * cookie and keeps the result on `res.locals`; the engine, the lab, the page and the challenges'
 * judge all read that one value. It holds the settings the request came with: an experiment that
 * changes them sends a new cookie for the next request.
 */
import type { RequestHandler, Response } from 'express';
import { type LabSettings, labOf } from './lab-settings.ts';

type WithLabSettings = { labSettings?: LabSettings };

/** Opens the request's lab settings (defaults when the cookie is absent, altered or malformed). */
export function openLabSettings({
  sandboxKey,
  serverSecret,
}: {
  sandboxKey: string;
  serverSecret: string | undefined;
}): RequestHandler {
  return (req, res, next) => {
    (res.locals as WithLabSettings).labSettings = labOf(req, sandboxKey, serverSecret);
    next();
  };
}

/** The settings `openLabSettings` opened for this request. Throws when it was not mounted (a bug). */
export function labSettingsOf(res: Response): LabSettings {
  const settings = (res.locals as WithLabSettings).labSettings;
  if (settings === undefined) throw new Error('openLabSettings must run before the lab settings are read');
  return settings;
}
