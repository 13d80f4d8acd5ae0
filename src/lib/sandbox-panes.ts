/** The sandbox pane's tabs, in order: the app, the learner's code, the full inspector. */
export const sandboxPanes = [
  { id: 'app', label: 'App' },
  { id: 'code', label: 'Code' },
  { id: 'inspector', label: 'Inspector' },
] as const;

export type SandboxPane = (typeof sandboxPanes)[number]['id'];
