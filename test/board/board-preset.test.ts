import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { CATALOG_AT } from './catalog-fixture';
import { BoardCatalog, BoardPreset, Bootloader, OverlayFamily, OverlayOptionType } from '../../src';
import { errorOf } from '../support/errors';

/** The shared reference, next to this repository; the cross-check is skipped without it. */
const BOARDS_JSON = join(__dirname, '..', '..', '..', 'shared', 'reference', 'boards.json');

describe('BoardCatalog', () => {
  test('32 boards: 22 sbc-rockchip, 3 raspberrypi, 3 allwinner, 1 jetson, 3 community rk3588', () => {
    const byFamily = (family: OverlayFamily) => BoardCatalog.all().filter((p) => p.family === family).map((p) => p.name);
    expect(BoardCatalog.names()).toHaveLength(32);
    expect(byFamily(OverlayFamily.SBC_ROCKCHIP)).toHaveLength(22);
    expect(byFamily(OverlayFamily.SBC_RASPBERRYPI)).toEqual(['revpi_generic', 'rpi_5', 'rpi_generic']);
    expect(byFamily(OverlayFamily.SBC_ALLWINNER)).toEqual(['bananapi_m64', 'libretech_all_h3_cc_h5', 'pine64']);
    expect(byFamily(OverlayFamily.SBC_JETSON)).toEqual(['jetson_nano']);
    expect(byFamily(OverlayFamily.COMMUNITY_RK3588)).toEqual(['rk3588/nanopi-m6', 'rk3588/rock-5a', 'rk3588/rock-5b']);
  });

  test('get returns the static preset', () => {
    expect(BoardCatalog.get('rock5b')).toBe(BoardPreset.ROCK5B);
    expect(BoardCatalog.get('rpi_5')).toBe(BoardPreset.RPI_5);
    expect(BoardCatalog.get('rk3588/nanopi-m6')).toBe(BoardPreset.RK3588_NANOPI_M6);
    expect(BoardCatalog.tryGet('rpi5')).toBeUndefined();
  });

  test('pitfall 18: a near-miss name suggests the catalog spelling', () => {
    expect(errorOf(() => BoardCatalog.get('rpi5'))).toBe([
      '[talos-sbc-constructs] BoardCatalog at "BoardCatalog.get" is invalid:',
      '  - name = "rpi5": is not a catalog name; the catalog spells it "rpi_5". Fix: use "rpi_5"',
    ].join('\n'));
    expect(errorOf(() => BoardCatalog.get('nanopi-m6'))).toContain('the catalog spells it "rk3588/nanopi-m6" (community rk3588)');
    expect(errorOf(() => BoardCatalog.get('rock-5b'))).toContain('the catalog spells it "rock5b" or "rk3588/rock-5b" (community rk3588)');
    expect(errorOf(() => BoardCatalog.get('raspberry'))).toContain('is not a catalog board. Fix: use one of "bananapi_m64", ');
  });

  test.each(Object.keys(CATALOG_AT))('the official boards of the Talos %s catalog', (talos) => {
    const expected = CATALOG_AT[talos];
    const boards = BoardCatalog.officialBoards(talos);
    expect(boards.map((p) => p.name).join(' ')).toBe(expected.boards);
    for (const preset of boards) {
      const image = expected.images.find((i) => i.startsWith(`${preset.family}:`));
      expect([preset.name, preset.officialOverlayImage(talos)]).toEqual([preset.name, `ghcr.io/siderolabs/${image}`]);
      expect(preset.isInCatalog(talos)).toBe(true);
    }
  });

  test('the Talos v1.10.6 catalog has 21 overlays and no NanoPi M6', () => {
    expect(BoardCatalog.officialBoards('v1.10.6')).toHaveLength(21);
    expect(BoardPreset.ROCK5B.officialOverlayImage('v1.10.6')).toBe('ghcr.io/siderolabs/sbc-rockchip:v0.1.5');
  });

  test('the official image follows every row of the catalog version table', () => {
    const rock64 = BoardPreset.ROCK64;
    const rows: Array<[string, string]> = [
      ['v1.7.0', 'v0.1.0-beta.1'], ['v1.7.7', 'v0.1.0-beta.1'], ['v1.8.0', 'v0.1.0-beta.4'], ['v1.8.4', 'v0.1.0-beta.4'], ['v1.9.0', 'v0.1.1'],
      ['v1.9.1', 'v0.1.1'], ['v1.9.2', 'v0.1.2'], ['v1.9.3', 'v0.1.3'], ['v1.9.6', 'v0.1.3'], ['v1.10.0', 'v0.1.4'], ['v1.10.1', 'v0.1.5'],
      ['v1.10.9', 'v0.1.5'], ['v1.11.6', 'v0.1.5'], ['v1.12.0', 'v0.1.7'], ['v1.12.2', 'v0.1.7'], ['v1.12.3', 'v0.1.8'], ['v1.12.4', 'v0.1.8'],
      ['v1.12.5', 'v0.2.0'], ['v1.12.9', 'v0.2.0'], ['v1.13.5', 'v0.2.0'], ['v1.13.9', 'v0.2.0'], ['v1.14.0-alpha.2', 'v0.2.0'],
    ];
    for (const [talos, version] of rows) {
      expect([talos, rock64.officialOverlayVersion(talos)]).toEqual([talos, version]);
    }
    const rpi = BoardPreset.RPI_GENERIC;
    expect(['v1.9.0', 'v1.9.1', 'v1.9.3', 'v1.9.4', 'v1.10.1'].map((t) => rpi.officialOverlayVersion(t))).toEqual(['v0.1.0', 'v0.1.1', 'v0.1.2', 'v0.1.3', 'v0.1.5']);
    expect(BoardPreset.PINE64.officialOverlayImage('v1.12.3')).toBe('ghcr.io/siderolabs/sbc-allwinner:v0.1.3');
    expect(BoardPreset.JETSON_NANO.officialOverlayImage('v1.13.9')).toBe('ghcr.io/siderolabs/sbc-jetson:v0.1.5');
  });

  test('a board its Talos release\'s catalog lacks is a clear error', () => {
    expect(errorOf(() => BoardPreset.ORANGEPI_5_MAX.officialOverlayImage('v1.10.6'))).toBe([
      '[talos-sbc-constructs] BoardPreset at "orangepi-5-max" is invalid:',
      '  - talosVersion = "v1.10.6": the siderolabs/overlays catalog of Talos v1.10.6 (sbc-rockchip:v0.1.5) has no orangepi-5-max; '
      + 'it first appears in Talos v1.12.0 (sbc-rockchip:v0.1.7). Fix: use Talos v1.12.0 or newer, or a board that catalog has',
    ].join('\n'));
    expect(BoardPreset.ORANGEPI_5_MAX.isInCatalog('v1.10.6')).toBe(false);
    expect(BoardPreset.RPI_5.isInCatalog('v1.12.2')).toBe(false);
    expect(BoardPreset.RPI_5.isInCatalog('v1.12.3')).toBe(true);
  });

  test('a community board has no official image', () => {
    expect(BoardPreset.RK3588_NANOPI_M6.officialOverlayImageRepository).toBeUndefined();
    expect(errorOf(() => BoardPreset.RK3588_NANOPI_M6.officialOverlayImage('v1.10.6'))).toBe([
      '[talos-sbc-constructs] BoardPreset at "rk3588/nanopi-m6" is invalid:',
      '  - talosVersion = "v1.10.6": rk3588/nanopi-m6 is a board of the community rk3588 overlay; siderolabs publishes no image for it. '
      + 'Fix: build and push the overlay from its repository (ReleaseWorkflow) and use that image',
    ].join('\n'));
  });

  test('option schemas: spi_boot on the SPI-capable rockchip boards, configTxt on Raspberry Pi, board+chipset for community rk3588', () => {
    const keys = (p: BoardPreset) => p.optionSchema.map((o) => `${o.key}:${o.type}${o.required ? '!' : ''}`).join(' ');
    const spi = BoardCatalog.all().filter((p) => keys(p) === 'spi_boot:boolean').map((p) => p.name);
    expect(spi).toEqual(['orangepi-5', 'orangepi-5-max', 'orangepi-5-plus', 'rock5b', 'rock5b-plus', 'rock5t', 'turingrk1']);
    for (const name of ['rpi_generic', 'rpi_5', 'revpi_generic']) {
      expect(keys(BoardCatalog.get(name))).toBe('configTxt:string configTxtAppend:string');
    }
    for (const name of ['rk3588/nanopi-m6', 'rk3588/rock-5a', 'rk3588/rock-5b']) {
      expect(keys(BoardCatalog.get(name))).toBe('board:string! chipset:string!');
    }
    const none = BoardCatalog.all().filter((p) => p.optionSchema.length === 0);
    expect(none).toHaveLength(32 - 7 - 3 - 3);
    expect(BoardPreset.ROCK5B.optionSchema[0].type).toBe(OverlayOptionType.BOOLEAN);
  });

  test('profiles: official profile name = overlay name; community board-rk3588; grub from the v1.10.1 catalog', () => {
    for (const preset of BoardCatalog.all()) {
      expect(preset.profileName).toBe(preset.isOfficial ? preset.overlayName : 'board-rk3588');
    }
    expect(BoardPreset.ROCK5B.profileFor('v1.10.0').bootloader).toBeUndefined();
    expect(BoardPreset.ROCK5B.profileFor('v1.10.1').bootloader).toBe(Bootloader.GRUB);
    expect(BoardPreset.PINE64.profileFor('v1.10.0').bootloader).toBeUndefined();
    expect(BoardPreset.PINE64.profileFor('v1.10.6').bootloader).toBe(Bootloader.GRUB);
    expect(BoardPreset.RK3588_NANOPI_M6.profileFor('v1.10.6').bootloader).toBeUndefined();
    expect(BoardPreset.RK3588_NANOPI_M6.profileFor('v1.10.6').outputFile).toBe('metal-arm64.raw.xz');
  });

  test('the NanoPi M6 facts', () => {
    const m6 = BoardPreset.RK3588_NANOPI_M6;
    expect(m6.overlayName).toBe('rk3588');
    expect(m6.defaultOptions).toEqual({ board: 'nanopi-m6', chipset: 'rk3588s' });
    expect(m6.rawWrites).toEqual([{ file: 'idbloader.img', offsetBytes: 32768 }, { file: 'uboot.img', offsetBytes: 8388608 }]);
    expect(m6.partitionOffsetSectors).toBe(20480);
    expect(m6.dtb).toBe('/boot/EFI/dtb/rockchip/rk3588s-nanopi-m6.dtb');
    expect(m6.installerKernelArgs).toContain('console=ttyFIQ0,1500000n8');
  });

  test('each official board appears in the catalog at or after its first overlay release', () => {
    for (const preset of BoardCatalog.all().filter((p) => p.isOfficial && p.firstOverlayVersion)) {
      const image = preset.officialOverlayVersion(preset.catalogSince!);
      expect([preset.name, compareTags(image, preset.firstOverlayVersion!) >= 0]).toEqual([preset.name, true]);
    }
  });

  test('cross-check against the shared boards.json', () => {
    if (!existsSync(BOARDS_JSON)) {
      console.log('boards.json cross-check skipped: ../shared/reference/boards.json is not next to this repository');
      return;
    }
    const boards = JSON.parse(readFileSync(BOARDS_JSON, 'utf8')) as any[];
    expect(boards).toHaveLength(32);
    const matched = new Set<string>();
    for (const b of boards) {
      const name = b.official ? b.overlayName : `rk3588/${b.board}`;
      const preset = BoardCatalog.get(name);
      matched.add(preset.name);
      const facts = {
        overlayName: preset.overlayName,
        displayName: preset.displayName,
        chipset: preset.chipset ?? null,
        soc: preset.soc ?? null,
        dtb: preset.dtb ?? null,
        dtbArtifact: preset.dtbArtifact ?? null,
        ubootFiles: preset.ubootFiles,
        ubootOffsets: preset.rawWrites.length > 0
          ? preset.rawWrites.map((w) => ({ file: w.file, offsetBytes: w.offsetBytes, offsetSectors512: w.offsetBytes / 512 }))
          : null,
        partitionOffsetSectors: preset.partitionOffsetSectors ?? null,
        kernelArgs: preset.installerKernelArgs,
        optionKeys: preset.optionSchema.map((o) => o.key),
        official: preset.isOfficial,
        ubootArtifactDir: preset.ubootArtifactDirectory,
        firstSbcRockchipTag: preset.firstOverlayVersion ?? null,
      };
      expect(facts).toEqual({
        overlayName: b.overlayName,
        displayName: b.boardName,
        chipset: b.chipset,
        soc: b.soc,
        dtb: b.dtb,
        dtbArtifact: b.dtbArtifact,
        ubootFiles: b.ubootFiles,
        // (the community entries also record measured sizes, which the preset leaves to ubootArtifacts)
        ubootOffsets: b.ubootOffsets?.map((o: any) => ({ file: o.file, offsetBytes: o.offsetBytes, offsetSectors512: o.offsetSectors512 })) ?? null,
        partitionOffsetSectors: b.partitionOffsetSectors,
        kernelArgs: b.kernelArgs,
        optionKeys: Object.keys(b.overlayOptions),
        official: b.official,
        ubootArtifactDir: b.ubootArtifactDir,
        firstSbcRockchipTag: b.firstSbcRockchipTag ?? null,
      });
      if (b.official) {
        // boards.json lists the image of the current catalog (Talos v1.12.5+, v1.13.x)
        expect(preset.officialOverlayImage('v1.12.5')).toBe(b.overlayImage);
        expect(preset.officialOverlayImage('v1.13.9')).toBe(b.overlayImage);
        expect(preset.profileName).toBe(b.overlayName);
      } else {
        expect(preset.defaultOptions).toEqual({ board: b.board, chipset: b.chipset });
      }
    }
    expect(matched.size).toBe(32);
  });
});

function compareTags(a: string, b: string): number {
  const parse = (t: string) => {
    const m = /^v(\d+)\.(\d+)\.(\d+)(?:-(alpha|beta|rc)\.(\d+))?$/.exec(t)!;
    const pre = m[4] === undefined ? [3, 0] : [['alpha', 'beta', 'rc'].indexOf(m[4]), Number(m[5])];
    return [Number(m[1]), Number(m[2]), Number(m[3]), ...pre];
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return 0;
}
