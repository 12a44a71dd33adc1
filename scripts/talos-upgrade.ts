/**
 * Prints what one change of a declaration's talosVersion moves together (TalosUpgrade):
 *
 *   npx projen talos-upgrade -- --from v1.10.6 --to v1.12.5 [--board rock5b] [--extension realtek-firmware] [--arch arm64]
 *
 * Exits 1 when the move is refused, 2 on a usage error.
 */
import { Architecture } from '../src/board/image-output';
import { TalosUpgrade, TalosUpgradeOptions } from '../src/upgrade';

const USAGE = 'usage: talos-upgrade --from <talos version> --to <talos version> [--board <catalog name>]... [--extension <official extension>]... [--arch arm64|amd64]';

/** Parses `--name value` and `--name=value` arguments; `--board` and `--extension` repeat. */
export function parseUpgradeArgs(argv: string[]): TalosUpgradeOptions {
  const values: { [flag: string]: string[] } = { from: [], to: [], board: [], extension: [], arch: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') continue; // projen passes the separator through
    const m = /^--(from|to|board|extension|arch)(?:=(.*))?$/.exec(argv[i]);
    const value = m?.[2] ?? argv[i + 1];
    if (!m || value === undefined || (m[2] === undefined && value.startsWith('--'))) {
      throw new Error(`unexpected argument "${argv[i]}"\n${USAGE}`);
    }
    if (m[2] === undefined) i++;
    values[m[1]].push(value);
  }
  for (const single of ['from', 'to', 'arch']) {
    if (values[single].length > 1 || (single !== 'arch' && values[single].length === 0)) {
      throw new Error(`--${single} must be given ${single === 'arch' ? 'at most' : 'exactly'} once\n${USAGE}`);
    }
  }
  const arch = values.arch[0];
  if (arch !== undefined && !Object.values<string>(Architecture).includes(arch)) {
    throw new Error(`--arch must be one of ${Object.values(Architecture).join(', ')}\n${USAGE}`);
  }
  return { from: values.from[0], to: values.to[0], boards: values.board, extensions: values.extension, arch: arch as Architecture | undefined };
}

if (require.main === module) {
  let options: TalosUpgradeOptions;
  try {
    options = parseUpgradeArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  try {
    const upgrade = TalosUpgrade.plan(options);
    process.stdout.write(`${upgrade.report()}\n`);
    process.exit(upgrade.isPossible ? 0 : 1);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}
