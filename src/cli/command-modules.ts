/**
 * Each command's module, loaded when the command runs: `bbcs --help` and option errors never
 * load the checks, schemas and reports. In the built program this module is the entry of its own
 * bundle (dist/app/commands.js; see scripts/bundle.mjs), so the light part that declares the
 * commands starts without it.
 */
const MODULES = {
  accountability: () => import('./commands/accountability.js'),
  calendar: () => import('./commands/calendar.js'),
  cases: () => import('./commands/cases.js'),
  codeowners: () => import('./commands/codeowners.js'),
  form: () => import('./commands/form.js'),
  import: () => import('./commands/import.js'),
  init: () => import('./commands/init.js'),
  list: () => import('./commands/list.js'),
  log: () => import('./commands/log.js'),
  overdue: () => import('./commands/overdue.js'),
  register: () => import('./commands/register.js'),
  renumber: () => import('./commands/renumber.js'),
  show: () => import('./commands/show.js'),
  stats: () => import('./commands/stats.js'),
  step: () => import('./commands/step.js'),
  track: () => import('./commands/track.js'),
  unit: () => import('./commands/unit.js'),
  validate: () => import('./commands/validate.js'),
  weekly: () => import('./commands/weekly.js'),
};

type CommandModules = typeof MODULES;

export function loadCommand<Name extends keyof CommandModules>(name: Name): ReturnType<CommandModules[Name]> {
  return MODULES[name]() as ReturnType<CommandModules[Name]>;
}
