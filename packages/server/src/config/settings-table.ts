import { OPTIONS } from './options.js';

/** The README's settings table, generated from the one list of options. */
export function settingsTableMarkdown(): string {
  const rows = OPTIONS.map((o) => `| \`--${o.flag}\` | \`${o.env}\` | \`${o.default}\` | ${o.help} |`);
  return ['| flag / file key | environment | default | what |', '|---|---|---|---|', ...rows].join('\n');
}
