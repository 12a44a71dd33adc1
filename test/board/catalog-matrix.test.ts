import { Construct } from 'constructs';
import { catalogImage, CATALOG_AT } from './catalog-fixture';
import { BoardCatalog, BoardPreset, KernelFlavour, OverlayBoard, OverlayProfile } from '../../src';

/**
 * Every catalog board × the Talos releases a pipeline is likely to target: the exact imager
 * arguments, privileges and output file of the board built from its preset.
 */
const RELEASES = ['v1.7.4', 'v1.9.6', 'v1.10.6', 'v1.12.5', 'v1.13.9'];

/** The community overlay is pushed by its repository; any digest-pinned reference will do. */
const COMMUNITY_OVERLAY = `docker.io/123417/talos-sbc-nanopi-m6@sha256:${'a'.repeat(64)}`;

function build(preset: BoardPreset, talosVersion: string): OverlayBoard {
  const scope = new Construct(undefined as any, 'App');
  if (preset.isOfficial) {
    return OverlayBoard.fromCatalog(scope, 'Board', { preset, talosVersion });
  }
  // the community installer passes console=ttyFIQ0 (BSP kernel) and ships a profile without
  // a bootloader key: declare the kernel and ship the generated profile
  return OverlayBoard.fromCatalog(scope, 'Board', {
    preset,
    talosVersion,
    kernel: KernelFlavour.BSP,
    ubootStartsEfi: true,
    profile: OverlayProfile.generate({ name: 'board-rk3588' }),
  });
}

function inCatalog(preset: BoardPreset, talos: string): boolean {
  return !preset.isOfficial || CATALOG_AT[talos].boards.split(' ').includes(preset.name);
}

const CASES = BoardCatalog.all().flatMap((preset) => RELEASES.map((talos) => [preset.name, talos] as [string, string]));

describe('catalog matrix: every board × Talos release', () => {
  test.each(CASES)('%s with Talos %s', (name, talos) => {
    const preset = BoardCatalog.get(name);
    if (!inCatalog(preset, talos)) {
      expect(() => build(preset, talos)).toThrow(`the siderolabs/overlays catalog of Talos ${talos}`);
      expect(() => build(preset, talos)).toThrow(`has no ${name}; it first appears in Talos ${preset.catalogSince}`);
      return;
    }
    const board = build(preset, talos);
    const overlayImage = preset.isOfficial ? catalogImage(talos, preset.family) : COMMUNITY_OVERLAY;
    const expected = preset.isOfficial
      ? [name, '--arch=arm64', `--overlay-image=${overlayImage}`, `--overlay-name=${name}`]
      : ['board-rk3588', '--arch=arm64', `--overlay-image=${overlayImage}`, '--overlay-name=rk3588',
        `--overlay-option=board=${preset.defaultOptions.board}`, `--overlay-option=chipset=${preset.chipset}`];
    expect(board.imagerArguments(overlayImage)).toEqual(expected);
    if (preset.isOfficial) {
      expect(board.officialOverlayImage).toBe(overlayImage);
    }
    expect(board.imagerNeedsPrivileges).toBe(talos !== 'v1.13.9');
    expect(board.imagerOutputFile).toBe('metal-arm64.raw.xz');
    expect(board.assetName).toBe(`talos-${talos}-${board.boardName}-arm64.raw.xz`);
    expect(board.imagerImage).toBe(`ghcr.io/siderolabs/imager:${talos}`);
  });

  test('the whole matrix (reviewed snapshot)', () => {
    const lines: string[] = [];
    for (const talos of RELEASES) {
      lines.push(`# Talos ${talos}`);
      for (const preset of BoardCatalog.all()) {
        if (!inCatalog(preset, talos)) {
          lines.push(`${preset.name}: not in the catalog`);
          continue;
        }
        const board = build(preset, talos);
        const ref = board.officialOverlayImage ?? COMMUNITY_OVERLAY;
        lines.push(`${preset.name}: imager ${board.imagerArguments(ref).join(' ')} -> ${board.imagerOutputFile}${board.imagerNeedsPrivileges ? ' (privileged)' : ''}`);
      }
    }
    expect(lines.join('\n')).toMatchSnapshot();
  });

  test('SPI boot boards: the typed option reaches the imager through the options file where the catalog image reads it', () => {
    const spi = BoardCatalog.all().filter((p) => p.optionSchema.some((o) => o.key === 'spi_boot'));
    for (const preset of spi) {
      for (const talos of RELEASES.filter((t) => inCatalog(preset, t))) {
        const scope = new Construct(undefined as any, 'App');
        const make = () => OverlayBoard.fromCatalog(scope, `B${talos}`, { preset, talosVersion: talos, overlayBooleanOptions: { spi_boot: true } });
        if (preset.officialOverlayVersion(talos) === 'v0.1.2') {
          expect(make).toThrow('reads spi_boot from sbc-rockchip:v0.1.3');
          continue;
        }
        const board = make();
        expect(board.imagerArguments('ref').slice(-1)).toEqual(['--overlay-option=@/overlay-options.yaml']);
        expect(board.typedOptionsYaml).toBe('spi_boot: true\n');
      }
    }
  });
});
