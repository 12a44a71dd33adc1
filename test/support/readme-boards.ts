import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { BoardCatalog } from '../../src';

/** The Talos releases shown in the README's board table. */
export const README_RELEASES = ['v1.7.4', 'v1.9.6', 'v1.10.6', 'v1.12.5', 'v1.13.9'];

export const START = '<!-- supported-boards:start (generated from the board catalog by test/support/readme-boards.ts; do not edit) -->';
export const END = '<!-- supported-boards:end -->';
export const README = join(__dirname, '..', '..', 'README.md');

/** The "Supported boards and Talos versions" table, rendered from the board catalog. */
export function renderBoardTable(): string {
  const header = ['Preset', 'Board', 'SoC', 'Overlay (`--overlay-name`)', 'Options', ...README_RELEASES.map((v) => `Talos ${v}`)];
  const rows = BoardCatalog.all().map((preset) => {
    const options = preset.optionSchema.map((o) => `\`${o.key}\`${o.required ? ' (required)' : ''}`).join(', ') || '-';
    const versions = README_RELEASES.map((talos) => {
      if (!preset.isOfficial) {
        return 'community overlay (built)';
      }
      return preset.isInCatalog(talos) ? `\`${preset.officialOverlayImageRepository!.replace(/^ghcr\.io\/siderolabs\//, '')}:${preset.officialOverlayVersion(talos)}\`` : '-';
    });
    return [`\`${preset.name}\``, preset.displayName, preset.soc ?? '-', `\`${preset.overlayName}\``, options, ...versions];
  });
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** README.md with the table section replaced by a fresh rendering. */
export function readmeWithFreshTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no ${START} … ${END} section`);
  }
  return `${readme.slice(0, start)}${START}\n${renderBoardTable()}\n${readme.slice(end)}`;
}

// `ts-node --project tsconfig.dev.json test/support/readme-boards.ts` rewrites the table.
if (require.main === module) {
  writeFileSync(README, readmeWithFreshTable(readFileSync(README, 'utf8')));
}
