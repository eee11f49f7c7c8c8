import { gitConfig, type Person } from '../io/git.js';

/**
 * Who is at the keyboard. `--by` wins; then BBCS_OFFICER; then `git config bbcs.officer`
 * (set once per clone: `git config bbcs.officer 王敏`); then git's user.name.
 */
export function configuredOfficer(dir: string): string | undefined {
  return process.env.BBCS_OFFICER || gitConfig(dir, 'bbcs.officer') || gitConfig(dir, 'user.name');
}

/** The officer's own unit, used as the default where a command needs one; unit codes are taken in any case. */
export function configuredUnit(dir: string): string | undefined {
  return (process.env.BBCS_UNIT || gitConfig(dir, 'bbcs.unit'))?.trim().toLowerCase() || undefined;
}

/** The commit author for an officer: their name, and git's e-mail or a placeholder. */
export function authorFor(dir: string, officer: string): Person {
  return {
    name: officer,
    email: process.env.BBCS_EMAIL || gitConfig(dir, 'bbcs.email') || gitConfig(dir, 'user.email') || 'bbcs@localhost',
  };
}
