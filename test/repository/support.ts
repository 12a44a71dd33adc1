import { cpSync, mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Architecture, OverlayRepositoryInspectionOptions } from '../../src';

/** The model of jhuynh08/nanopi-m6 (see its README.md). */
export const NANOPI_M6_FIXTURE = join(__dirname, '..', 'fixtures', 'overlay-repositories', 'nanopi-m6');

/** Sizes of the vendor blobs the model's installer writes (see the fixture's README.md). */
export const IDBLOADER_BYTES = 4161536;
export const UBOOT_IMG_BYTES = 4 * 1024 * 1024;

/**
 * A temporary copy of the NanoPi M6 model with its vendor blobs as sparse files, and
 * `overrides` (path → content; `null` deletes nothing, it is not supported) written over it.
 */
export function nanopiM6Repository(overrides: { [path: string]: string } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'nanopi-m6-model-'));
  cpSync(NANOPI_M6_FIXTURE, root, { recursive: true });
  const vendor = join(root, 'artifacts/u-boot/nanopi-m6/vendor');
  mkdirSync(vendor, { recursive: true });
  sized(join(vendor, 'idbloader.img'), IDBLOADER_BYTES);
  sized(join(vendor, 'uboot.img'), UBOOT_IMG_BYTES);
  return write(root, overrides);
}

/** A temporary repository with exactly these files. */
export function repository(files: { [path: string]: string }): string {
  return write(mkdtempSync(join(tmpdir(), 'overlay-repo-')), files);
}

function write(root: string, files: { [path: string]: string }): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function sized(file: string, size: number): void {
  writeFileSync(file, '');
  truncateSync(file, size);
}

/** The raw writes of the model's installer (idbloader.img at sector 64, uboot.img at 8 MiB). */
export const NANOPI_M6_RAW_WRITES = [
  { file: 'idbloader.img', offsetBytes: 512 * 64, path: 'artifacts/u-boot/nanopi-m6/vendor/idbloader.img' },
  { file: 'uboot.img', offsetBytes: 512 * 16384, path: 'artifacts/u-boot/nanopi-m6/vendor/uboot.img' },
];

/** What the current NanoPi M6 example declares (examples/nanopi-m6/pipeline.ts before issue 8). */
export function currentDeclaration(repositoryRoot: string): OverlayRepositoryInspectionOptions {
  return {
    repositoryRoot,
    target: 'talos-sbc-rk3588-mainline',
    buildArgs: { PKGS_PREFIX: 'ghcr.io/siderolabs', PKGS: 'v1.7.0', KERNEL_VARIANT: 'mainline' },
    platforms: ['linux/amd64', 'linux/arm64'],
    buildRunnerArch: Architecture.AMD64,
    imagerHostArchs: [Architecture.AMD64],
    profileName: 'board-rk3588',
    talosVersion: 'v1.10.6',
    rawWrites: NANOPI_M6_RAW_WRITES,
  };
}

/** The declaration with issue 8's fix: SOURCE_DATE_EPOCH at run time, arm64 only, native arm64 runner and imager. */
export function fixedDeclaration(repositoryRoot: string): OverlayRepositoryInspectionOptions {
  return {
    ...currentDeclaration(repositoryRoot),
    runTimeBuildArgs: ['SOURCE_DATE_EPOCH'],
    platforms: ['linux/arm64'],
    buildRunnerArch: Architecture.ARM64,
    imagerHostArchs: [Architecture.ARM64],
  };
}

/** The model's installer with a raised partition offset. */
export function raisedOffsetInstaller(expression: string): { [path: string]: string } {
  const source = readFileSync(join(NANOPI_M6_FIXTURE, 'installers/rk3588/src/main.go'), 'utf8');
  return { 'installers/rk3588/src/main.go': source.replace('Offset: 2048 * 10,', `Offset: ${expression},`) };
}
