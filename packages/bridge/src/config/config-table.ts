// Renders the configuration variables as the markdown table in docs/configuration.md, so docs and parser cannot drift.
import { CONFIG_VARIABLES } from './config-variables';

const escapeCell = (text: string) => text.replaceAll('|', '\\|');

/** A markdown table: variable, default, accepted values, what it does. */
export function renderConfigTable(): string {
  const rows = Object.values(CONFIG_VARIABLES).map(
    (variable) =>
      `| \`${variable.name}\` | ${escapeCell(variable.defaultText)} | ${escapeCell(variable.rule)} | ${escapeCell(variable.description)} |`,
  );
  return ['| variable | default | accepted values | what it does |', '|---|---|---|---|', ...rows].join('\n');
}
