import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import {
  bash, DTB_IN_EFI, EM_AARCH64, EM_X86_64, FIRST_PARTITION_SECTOR, IDBLOADER, IDBLOADER_OFFSET,
  nanopiBlobs, OVERLAY_NAME, PARTITION_OFFSET_SECTORS, pseudoRandomBytes, RawBlob, UBOOT, UBOOT_OFFSET,
  writeDisk, writeOverlay,
} from './disk-image-fixture';
import { installDockerStub } from './docker-stub';
import { Architecture } from '../../../src/board/image-output';
import { TalosVersion } from '../../../src/board/talos-version';
import {
  efiPartitionPath, firstPartitionStartSector, VERIFY_IMAGE_STEP_IDS, verifyImageSteps, VerifyImageParams,
} from '../../../src/workflow/steps/verify-image';
import { VERIFY_IMAGE_SCRIPT } from '../../../src/workflow/steps/verify-image-script';
import { expectValidWorkflow, shellcheckRunScripts } from '../../support/workflow-validators';

const OVERLAY_REF = 'docker.io/acme/talos-sbc-nanopi-m6@sha256:' + 'a'.repeat(64);

const PARAMS: VerifyImageParams = {
  imageFile: '_out/metal-arm64.raw.xz',
  hostArch: Architecture.AMD64,
  targetArch: Architecture.ARM64,
  overlayName: OVERLAY_NAME,
  rawWrites: [
    { file: IDBLOADER, offsetBytes: IDBLOADER_OFFSET, sizeBytes: 256 * 1024 },
    { file: UBOOT, offsetBytes: UBOOT_OFFSET },
  ],
  firstPartitionStartSector: FIRST_PARTITION_SECTOR,
  efiFiles: [DTB_IN_EFI],
  overlayImageRef: 'docker.io/acme/talos-sbc-nanopi-m6@${{ needs.overlay.outputs.digest }}',
};

let root: string;
/** One good NanoPi M6 disk image (sparse), shared read-only; defects work on copies. */
let goodDisk: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-image-'));
  goodDisk = path.join(root, 'good.raw');
  writeDisk(root, goodDisk);
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh directory per scenario. */
function scenario(name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function stepsById(params: VerifyImageParams = PARAMS): { [id: string]: any } {
  return Object.fromEntries(verifyImageSteps(params).map((s) => [s.id, s]));
}

interface Run {
  readonly status: number | null;
  readonly errors: string[];
  readonly stdout: string;
}

/** Runs a step's script with bash and its env (overridden by `env`), as the runner would. */
function runStep(id: string, cwd: string, env: { [name: string]: string }, params: VerifyImageParams = PARAMS, pathPrefix?: string): Run {
  const step = stepsById(params)[id];
  const proc = spawnSync('bash', ['-e', '-c', step.run], {
    cwd,
    env: {
      ...process.env,
      PATH: pathPrefix ? `${pathPrefix}:${process.env.PATH}` : process.env.PATH,
      RUNNER_TEMP: cwd,
      ...step.env,
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = `${proc.stdout}${proc.stderr}`;
  return { status: proc.status, errors: output.split('\n').filter((l) => l.startsWith('::error::')), stdout: output };
}

/** Runs the verify-image step on `image` (relative to `dir`) with the overlay in `dir/overlay`. */
function verify(dir: string, image: string, env: { [name: string]: string } = {}, params: VerifyImageParams = PARAMS): Run {
  return runStep(VERIFY_IMAGE_STEP_IDS.verifyImage, dir, { IMAGE_FILE: image, OVERLAY_DIR: 'overlay', ...env }, params);
}

/** A good overlay in a new directory, with a copy of the good disk at `disk.raw`; returns the directory. */
function goodScenario(name: string, overlay: Parameters<typeof writeOverlay>[1] = {}): string {
  const dir = scenario(name);
  writeOverlay(path.join(dir, 'overlay'), overlay);
  bash(`cp --sparse=always -- "${goodDisk}" disk.raw`, dir);
  return dir;
}

const ERR = '::error::verify-image';

describe('firstPartitionStartSector (Talos GPT layout rules)', () => {
  test.each([
    // [Talos, PartitionOptions.Offset, sector of partition 1]
    ['v1.7.6', undefined, 2048], // entries at LBA 2, first usable 34, 1 MiB alignment
    ['v1.7.6', 20480, 22528], // entries at 20480, first usable 20512, next MiB
    ['v1.10.6', undefined, 2048], // entries at LBA 2, first usable 34, next MiB
    ['v1.10.6', 20480, 22528], // entries at 20482, first usable 20514, next MiB (11 MiB)
    ['v1.7.6', 2015, 2048], // before v1.8: 2015 + 32 = 2047, which rounds up to 2048
    ['v1.8.0', 2015, 4096], // from v1.8: 2 + 2015 + 32 = 2049, which rounds up to 4096
  ])('%s with offset %p starts partition 1 at sector %d', (version, offset, sector) => {
    expect(firstPartitionStartSector(TalosVersion.of(version), offset)).toBe(sector);
  });

  test('the fixture models what the rules give for the NanoPi M6 installer', () => {
    expect(firstPartitionStartSector(TalosVersion.of('v1.13.0'), PARTITION_OFFSET_SECTORS)).toBe(FIRST_PARTITION_SECTOR);
  });
});

describe('efiPartitionPath', () => {
  test('a file under /boot/EFI/ is at the rest of its path in the EFI partition', () => {
    expect(efiPartitionPath('/boot/EFI/dtb/rockchip/rk3588-rock-5b.dtb')).toBe('dtb/rockchip/rk3588-rock-5b.dtb');
  });
  test('other paths have no EFI partition path', () => {
    expect(efiPartitionPath('/boot/dtb/x.dtb')).toBeUndefined();
    expect(efiPartitionPath('/boot/EFI/')).toBeUndefined();
  });
});

describe('verifyImageSteps', () => {
  test('three steps with stable ids, every value in env', () => {
    const steps = verifyImageSteps(PARAMS);
    expect(steps.map((s) => s.id)).toEqual(['install-image-tools', 'extract-overlay', 'verify-image']);
    expect(steps.map((s) => s.name)).toEqual([
      'Install the disk image tools (gdisk, mtools)',
      'Extract the overlay image (linux/amd64)',
      'Verify the disk image',
    ]);
    expect(steps[1].env).toEqual({
      OVERLAY_IMAGE: 'docker.io/acme/talos-sbc-nanopi-m6@${{ needs.overlay.outputs.digest }}',
      HOST_ARCH: 'amd64',
      OVERLAY_DIR: '_overlay',
    });
    expect(steps[2].env).toEqual({
      IMAGE_FILE: '_out/metal-arm64.raw.xz',
      OVERLAY_DIR: '_overlay',
      HOST_ARCH: 'amd64',
      TARGET_ARCH: 'arm64',
      OVERLAY_NAME: 'rk3588',
      FIRST_PARTITION_START_SECTOR: '22528',
      RAW_WRITES: `32768 262144 ${IDBLOADER}\n8388608 - ${UBOOT}`,
      EFI_FILES: DTB_IN_EFI,
    });
    // no value and no expression is ever written into a script
    for (const step of steps) {
      expect(step.run).not.toContain('${{');
      expect(step.run).not.toContain('talos-sbc-nanopi-m6');
      expect(step.run).not.toContain(IDBLOADER);
      expect(step.run).not.toContain('22528');
    }
    expect(steps[2].run).toBe(VERIFY_IMAGE_SCRIPT);
  });

  test('the login configuration reaches the extraction through DOCKER_CONFIG', () => {
    const steps = stepsById({ ...PARAMS, dockerConfigDir: '${{ runner.temp }}/docker-config', overlayDir: 'work/overlay' });
    expect(steps['extract-overlay'].env).toEqual({
      OVERLAY_IMAGE: PARAMS.overlayImageRef,
      HOST_ARCH: 'amd64',
      OVERLAY_DIR: 'work/overlay',
      DOCKER_CONFIG: '${{ runner.temp }}/docker-config',
    });
    expect(steps['verify-image'].env.OVERLAY_DIR).toBe('work/overlay');
  });

  test('the steps pass actionlint, the workflow parser and shellcheck in a minimal workflow', () => {
    const workflow = {
      name: 'verify',
      on: { push: { tags: ['v*'] } },
      permissions: {},
      jobs: {
        overlay: {
          'runs-on': 'ubuntu-24.04',
          'permissions': {},
          'outputs': { digest: '${{ steps.push.outputs.digest }}' },
          'steps': [{ id: 'push', run: 'echo "digest=sha256:0" >> "$GITHUB_OUTPUT"\n' }],
        },
        image: {
          'needs': 'overlay',
          'runs-on': 'ubuntu-24.04',
          'permissions': {},
          'steps': verifyImageSteps({ ...PARAMS, dockerConfigDir: '${{ runner.temp }}/docker-config' }),
        },
      },
    };
    expectValidWorkflow(stringify(workflow), '.github/workflows/verify.yaml');
  });

  test('the verification script is shellcheck-clean on its own', () => {
    const yaml = stringify({ on: 'push', jobs: { j: { 'runs-on': 'ubuntu-24.04', 'steps': [{ run: VERIFY_IMAGE_SCRIPT }] } } });
    expect(shellcheckRunScripts(yaml)).toEqual([]);
  });

  test.each<[string, Partial<VerifyImageParams>, string]>([
    ['imageFile', { imageFile: '../metal-arm64.raw.xz' }, 'imageFile = "../metal-arm64.raw.xz": must be a relative path of letters, digits, ".", "_", "+" and "-" segments, without ".." or ".". Fix: use a path like "_out/metal-arm64.raw.xz"'],
    ['image format', { imageFile: '_out/metal-arm64.qcow2' }, 'imageFile = "_out/metal-arm64.qcow2": must be a raw disk image (.raw, .raw.xz, .raw.zst or .raw.gz): only those have a GPT to verify. Fix: leave the verification steps out for other disk formats'],
    ['overlayDir', { overlayDir: '/tmp/overlay' }, 'overlayDir = "/tmp/overlay": must be a relative path of letters, digits, ".", "_", "+" and "-" segments, without ".." or ".". Fix: use a path like "_overlay"'],
    ['rawWrites file', { rawWrites: [{ file: 'artifacts/$(id)', offsetBytes: 0 }] }, 'rawWrites[0].file = "artifacts/$(id)": must be a relative path of letters, digits, ".", "_", "+" and "-" segments, without ".." or ".". Fix: use a path like "artifacts/arm64/u-boot/<board>/u-boot-rockchip.bin"'],
    ['rawWrites offset', { rawWrites: [{ file: IDBLOADER, offsetBytes: -1 }] }, 'rawWrites[0].offsetBytes = -1: must be a whole number of bytes, 0 or more. Fix: use the offset the installer writes the file at, e.g. 32768'],
    ['rawWrites size', { rawWrites: [{ file: IDBLOADER, offsetBytes: 0, sizeBytes: 1.5 }] }, 'rawWrites[0].sizeBytes = 1.5: must be a whole number of bytes, more than 0. Fix: give the size of the file, or leave sizeBytes out'],
    ['first sector', { firstPartitionStartSector: 0 }, 'firstPartitionStartSector = 0: must be a whole number of 512-byte sectors, more than 0. Fix: use firstPartitionStartSector(talosVersion, partitionOffsetSectors)'],
    ['efiFiles', { efiFiles: ['dtb/../../etc/passwd'] }, 'efiFiles[0] = "dtb/../../etc/passwd": must be a relative path of letters, digits, ".", "_", "+" and "-" segments, without ".." or ".". Fix: use a path like "dtb/rockchip/rk3588-nanopi-m6.dtb"'],
    ['overlayName', { overlayName: 'rk 3588' }, 'overlayName = "rk 3588": must be an installer file name (^[A-Za-z0-9_][A-Za-z0-9._-]*$). Fix: use the name under installers/ in the overlay image, e.g. "rk3588"'],
    ['overlayImageRef', { overlayImageRef: 'a\nb' }, 'overlayImageRef = "a\\nb": must be one image reference on one line, not starting with "-". Fix: use "<repository>@<digest>", e.g. "docker.io/acme/overlay@${{ needs.overlay.outputs.digest }}"'],
  ])('rejects a bad %s', (_, override, problem) => {
    expect(() => verifyImageSteps({ ...PARAMS, ...override, path: 'Release' }))
      .toThrow(`[talos-sbc-constructs] verifyImageSteps at "Release" is invalid:\n  - ${problem}`);
  });
});

describe('verify-image script on small disk images', () => {
  test('a good image passes, compressed with xz as the imager writes it', () => {
    const dir = goodScenario('good');
    bash('xz -T1 -0 -k disk.raw', dir);
    const run = verify(dir, 'disk.raw.xz');
    expect(run.errors).toEqual([]);
    expect(run.stdout).toContain('verify-image: all checks passed');
    expect(run.status).toBe(0);
  });

  test('a good image passes on an arm64 host with an arm64 installer', () => {
    const dir = goodScenario('good-arm64', { installer: EM_AARCH64 });
    const run = verify(dir, 'disk.raw', { HOST_ARCH: 'arm64' });
    expect(run.errors).toEqual([]);
    expect(run.status).toBe(0);
  });

  test.each([['zstd', 'zst'], ['gzip', 'gz']])('a good image compressed with %s passes', (tool, suffix) => {
    const dir = goodScenario(`good-${suffix}`);
    bash(`${tool} -q -k disk.raw`, dir);
    const run = verify(dir, `disk.raw.${suffix}`);
    expect(run.errors).toEqual([]);
    expect(run.status).toBe(0);
  });

  test('an image that is not valid xz', () => {
    const dir = goodScenario('bad-xz');
    fs.writeFileSync(path.join(dir, 'disk.raw.xz'), 'not xz');
    const run = verify(dir, 'disk.raw.xz');
    expect(run.errors).toEqual([`${ERR} [image]: disk.raw.xz does not decompress with xz`]);
    expect(run.status).toBe(1);
  });

  test('an image that is not raw', () => {
    const dir = goodScenario('qcow2');
    fs.writeFileSync(path.join(dir, 'disk.qcow2'), 'QFI');
    const run = verify(dir, 'disk.qcow2');
    expect(run.errors).toEqual([`${ERR} [image]: expected a raw disk image (.raw, .raw.xz, .raw.zst or .raw.gz), found disk.qcow2`]);
    expect(run.status).toBe(1);
  });

  test('no GPT at all', () => {
    const dir = goodScenario('no-gpt');
    bash('truncate -s 0 empty.raw && truncate -s 8M empty.raw', dir);
    const run = verify(dir, 'empty.raw', { RAW_WRITES: '', EFI_FILES: '' });
    expect(run.errors).toEqual([`${ERR} [gpt]: expected a valid GPT (sgdisk -v: "No problems found"), found: Creating new GPT entries in memory.`]);
    expect(run.status).toBe(1);
  });

  test('a corrupt main GPT header (restored from the backup by sgdisk, but not by the board)', () => {
    const dir = goodScenario('corrupt-header');
    bash('dd if=/dev/zero of=disk.raw bs=512 seek=1 count=1 conv=notrunc status=none', dir);
    const run = verify(dir, 'disk.raw');
    expect(run.errors).toEqual([`${ERR} [gpt]: expected a valid GPT (sgdisk -v: "No problems found"), found: Caution: invalid main GPT header, but valid backup; regenerating main header`]);
    expect(run.status).toBe(1);
  });

  test('corrupt GPT partition entries', () => {
    const dir = goodScenario('corrupt-entries');
    bash(`printf 'XXXX' | dd of=disk.raw bs=1 seek=${(PARTITION_OFFSET_SECTORS + 2) * 512 + 40} conv=notrunc status=none`, dir);
    const run = verify(dir, 'disk.raw');
    expect(run.errors).toEqual([`${ERR} [gpt]: expected a valid GPT (sgdisk -v: "No problems found"), found: Caution! After loading partitions, the CRC doesn't check out!`]);
    expect(run.status).toBe(1);
  });

  test('partition 1 at the wrong sector', () => {
    const dir = scenario('wrong-first-sector');
    writeOverlay(path.join(dir, 'overlay'));
    writeDisk(dir, 'disk.raw', { firstPartitionSector: 24576 });
    const run = verify(dir, 'disk.raw');
    expect(run.errors).toEqual([`${ERR} [first-partition]: expected partition 1 to start at sector 22528, found sector 24576`]);
    expect(run.status).toBe(1);
  });

  test('a blob that differs from the overlay at its offset', () => {
    const dir = goodScenario('blob-differs');
    bash(`printf 'Z' | dd of=disk.raw bs=1 seek=${IDBLOADER_OFFSET + 1000} conv=notrunc status=none`, dir);
    const run = verify(dir, 'disk.raw');
    expect(run.errors).toEqual([`${ERR} [raw-write]: expected the image to hold ${IDBLOADER} byte for byte at offset 32768 (262144 bytes), found a difference at image byte 33768`]);
    expect(run.status).toBe(1);
  });

  test('a blob missing from the overlay, and one whose size differs from the declaration', () => {
    const dir = goodScenario('blob-missing');
    fs.rmSync(path.join(dir, 'overlay', UBOOT));
    const run = verify(dir, 'disk.raw', { RAW_WRITES: `32768 4161536 ${IDBLOADER}\n8388608 - ${UBOOT}` });
    expect(run.errors).toEqual([
      `${ERR} [raw-write]: expected ${IDBLOADER} to be 4161536 bytes (declared), found 262144 bytes in the overlay image`,
      `${ERR} [raw-write]: expected ${UBOOT} in the overlay image (linux/amd64), found no such file`,
    ]);
    expect(run.status).toBe(1);
  });

  // The NanoPi M6 defect: a ~3.5 MB uboot.img at 8 MiB runs over the GPT entries (10 MiB + 1 KiB)
  // and into partition 1 (11 MiB).
  const BIG_UBOOT: RawBlob[] = [nanopiBlobs()[0], { file: UBOOT, offsetBytes: UBOOT_OFFSET, content: pseudoRandomBytes(3_500_000, 3) }];
  const bigUboot = (): RawBlob[] => BIG_UBOOT;

  test('a blob overwritten by the GPT entries and the partition (written before them)', () => {
    const dir = scenario('blob-overwritten');
    writeOverlay(path.join(dir, 'overlay'), { blobs: bigUboot() });
    writeDisk(dir, 'disk.raw', { blobs: bigUboot(), writeBlobs: 'before' });
    const run = verify(dir, 'disk.raw');
    expect(run.errors).toEqual([
      `${ERR} [raw-write]: expected ${UBOOT} (bytes 8388608-11888607) to end before the first partition (sector 22528, byte 11534336), found it ends at byte 11888608`,
      `${ERR} [raw-write]: expected ${UBOOT} (bytes 8388608-11888607) to stay clear of the GPT partition entries (bytes 10486784-10503167), found an overlap`,
      `${ERR} [raw-write]: expected the image to hold ${UBOOT} byte for byte at offset 8388608 (3500000 bytes), found a difference at image byte 10486784`,
    ]);
    expect(run.status).toBe(1);
  });

  test('a blob written over the GPT entries and the partition (written after them, as the installer does)', () => {
    const dir = scenario('blob-over-gpt');
    writeOverlay(path.join(dir, 'overlay'), { blobs: bigUboot() });
    writeDisk(dir, 'disk.raw', { blobs: bigUboot() });
    const run = verify(dir, 'disk.raw');
    expect(run.errors).toEqual([
      `${ERR} [raw-write]: expected ${UBOOT} (bytes 8388608-11888607) to end before the first partition (sector 22528, byte 11534336), found it ends at byte 11888608`,
      `${ERR} [gpt]: expected a valid GPT (sgdisk -v: "No problems found"), found: Caution! After loading partitions, the CRC doesn't check out!`,
    ]);
    expect(run.status).toBe(1);
  });

  test('a blob over the protective MBR and the GPT header', () => {
    const dir = scenario('blob-over-header');
    const blobs = [{ file: IDBLOADER, offsetBytes: 0, content: pseudoRandomBytes(512, 4) }];
    writeOverlay(path.join(dir, 'overlay'), { blobs });
    writeDisk(dir, 'disk.raw', { blobs, writeBlobs: 'before' });
    const run = verify(dir, 'disk.raw', { RAW_WRITES: `0 - ${IDBLOADER}` });
    expect(run.errors).toEqual([
      `${ERR} [raw-write]: expected ${IDBLOADER} (bytes 0-511) to leave the protective MBR and the GPT header (bytes 0-1023) alone, found an overlap`,
      `${ERR} [raw-write]: expected the image to hold ${IDBLOADER} byte for byte at offset 0 (512 bytes), found a difference at image byte 440`,
    ]);
    expect(run.status).toBe(1);
  });

  test('the DTB only in BOOT (Talos v1.14.0-rc.1, 51f96d6)', () => {
    const dir = scenario('dtb-in-boot');
    writeOverlay(path.join(dir, 'overlay'));
    writeDisk(dir, 'disk.raw', { efiFiles: { 'EFI/BOOT/BOOTAA64.EFI': 'sd-boot\n' }, bootFiles: { [`EFI/${DTB_IN_EFI}`]: 'dtb\n' } });
    const run = verify(dir, 'disk.raw');
    expect(run.errors).toEqual([
      `${ERR} [efi-files]: expected ${DTB_IN_EFI} in the EFI partition, found it only in the BOOT partition, at EFI/${DTB_IN_EFI} (the installer no longer moves /boot/EFI into the EFI partition: siderolabs/talos 51f96d6, v1.14.0-rc.1)`,
    ]);
    expect(run.status).toBe(1);
  });

  test('the DTB in no partition', () => {
    const dir = scenario('dtb-missing');
    writeOverlay(path.join(dir, 'overlay'));
    writeDisk(dir, 'disk.raw', { efiFiles: {} });
    const run = verify(dir, 'disk.raw');
    expect(run.errors).toEqual([`${ERR} [efi-files]: expected ${DTB_IN_EFI} in the EFI partition, found it in neither the EFI nor the BOOT partition`]);
    expect(run.status).toBe(1);
  });

  test('an installer for the wrong architecture', () => {
    const dir = goodScenario('installer-arm64', { installer: EM_AARCH64 });
    const run = verify(dir, 'disk.raw');
    expect(run.errors).toEqual([`${ERR} [installer]: expected installers/rk3588 to be an ELF executable for amd64 (e_machine 62), which the imager runs on its amd64 host, found e_machine 183 (arm64)`]);
    expect(run.status).toBe(1);
  });

  test('an arm64 installer on an amd64 host passes when the workflow emulates it (installerArch), and the step says so in its env', () => {
    const dir = goodScenario('installer-emulated', { installer: EM_AARCH64 });
    const emulated = { ...PARAMS, installerArch: Architecture.ARM64 };
    const run = verify(dir, 'disk.raw', {}, emulated);
    expect(run.errors).toEqual([]);
    expect(run.status).toBe(0);
    const step = verifyImageSteps(emulated).find((s) => s.id === VERIFY_IMAGE_STEP_IDS.verifyImage)!;
    expect(step.env!.INSTALLER_ARCH).toBe('arm64');
    expect(verifyImageSteps(PARAMS).find((s) => s.id === VERIFY_IMAGE_STEP_IDS.verifyImage)!.env!.INSTALLER_ARCH).toBeUndefined();
  });

  test('an installer that is not an ELF', () => {
    const dir = goodScenario('installer-script', { installer: 'not-elf' });
    const run = verify(dir, 'disk.raw');
    expect(run.errors).toEqual([`${ERR} [installer]: expected installers/rk3588 to be an ELF executable for amd64 (e_machine 62), which the imager runs on its amd64 host, found no ELF header (first bytes: 23 21 2f 62 69 6e)`]);
    expect(run.status).toBe(1);
  });

  test('no installer', () => {
    const dir = goodScenario('installer-missing');
    const run = verify(dir, 'disk.raw', { OVERLAY_NAME: 'rk3588s' });
    expect(run.errors).toEqual([`${ERR} [installer]: expected installers/rk3588s in the overlay image (linux/amd64), found no such file`]);
    expect(run.status).toBe(1);
  });

  test('several defects are all reported', () => {
    const dir = goodScenario('several', { installer: EM_AARCH64 });
    const run = verify(dir, 'disk.raw', { FIRST_PARTITION_START_SECTOR: '20480', EFI_FILES: 'dtb/rockchip/other.dtb' });
    expect(run.errors).toEqual([
      `${ERR} [first-partition]: expected partition 1 to start at sector 20480, found sector 22528`,
      `${ERR} [efi-files]: expected dtb/rockchip/other.dtb in the EFI partition, found it in neither the EFI nor the BOOT partition`,
      `${ERR} [installer]: expected installers/rk3588 to be an ELF executable for amd64 (e_machine 62), which the imager runs on its amd64 host, found e_machine 183 (arm64)`,
    ]);
    expect(run.stdout).toContain('verify-image: 3 check(s) failed; the image is not released');
    expect(run.status).toBe(1);
  });

  test.each([
    ['HOST_ARCH', 'x86_64', '::error::verify-image [input]: HOST_ARCH and INSTALLER_ARCH must be amd64 or arm64, found "x86_64"'],
    ['FIRST_PARTITION_START_SECTOR', '22528;', '::error::verify-image [input]: FIRST_PARTITION_START_SECTOR must be a whole number, found "22528;"'],
    ['OVERLAY_NAME', '', '::error::verify-image [input]: OVERLAY_NAME is not set'],
  ])('bad input %s=%p stops before any check', (name, value, error) => {
    const dir = goodScenario(`input-${name}`);
    const run = verify(dir, 'disk.raw', { [name]: value });
    expect(run.errors).toEqual([error]);
    expect(run.status).toBe(2);
  });
});

describe('extract-overlay step with a stub docker', () => {
  function platforms(dir: string): string {
    const rootfs = path.join(dir, 'registry');
    writeOverlay(path.join(rootfs, 'linux/amd64'), { installer: EM_X86_64 });
    writeOverlay(path.join(rootfs, 'linux/arm64'), { installer: EM_AARCH64 });
    return rootfs;
  }

  test('extracts the imager host\'s platform, then the image verifies', () => {
    const dir = scenario('extract');
    const stub = installDockerStub(dir, OVERLAY_REF, platforms(dir), 'amd64');
    writeDisk(dir, 'disk.raw');
    const extract = runStep(VERIFY_IMAGE_STEP_IDS.extractOverlay, dir, { ...stub.env, OVERLAY_IMAGE: OVERLAY_REF }, PARAMS, stub.binDir);
    expect(extract.errors).toEqual([]);
    expect(extract.status).toBe(0);
    const calls = stub.calls();
    expect(calls).toHaveLength(3);
    expect(calls[0]).toBe(`create --platform linux/amd64 ${OVERLAY_REF} /no-command`);
    expect(stub.calls()[1]).toMatch(/^export [0-9]{64}$/);
    expect(stub.calls()[2]).toBe(`rm --force ${stub.calls()[1].slice('export '.length)}`);
    expect(fs.readFileSync(path.join(dir, '_overlay/installers/rk3588')).readUInt16LE(18)).toBe(EM_X86_64);
    expect(fs.existsSync(path.join(dir, '_overlay/.dockerenv'))).toBe(true);

    const run = verify(dir, 'disk.raw', { OVERLAY_DIR: '_overlay' });
    expect(run.errors).toEqual([]);
    expect(run.status).toBe(0);
  });

  test('on an arm64 host it extracts the arm64 installer', () => {
    const dir = scenario('extract-arm64');
    const stub = installDockerStub(dir, OVERLAY_REF, platforms(dir), 'arm64');
    const params = { ...PARAMS, hostArch: Architecture.ARM64 };
    const extract = runStep(VERIFY_IMAGE_STEP_IDS.extractOverlay, dir, { ...stub.env, OVERLAY_IMAGE: OVERLAY_REF }, params, stub.binDir);
    expect(extract.status).toBe(0);
    expect(stub.calls()[0]).toBe(`create --platform linux/arm64 ${OVERLAY_REF} /no-command`);
    expect(fs.readFileSync(path.join(dir, '_overlay/installers/rk3588')).readUInt16LE(18)).toBe(EM_AARCH64);
  });

  test('an overlay not pushed for the host platform fails at docker create', () => {
    const dir = scenario('extract-no-platform');
    const rootfs = path.join(dir, 'registry');
    writeOverlay(path.join(rootfs, 'linux/arm64'), { installer: EM_AARCH64 });
    const stub = installDockerStub(dir, OVERLAY_REF, rootfs, 'amd64');
    const extract = runStep(VERIFY_IMAGE_STEP_IDS.extractOverlay, dir, { ...stub.env, OVERLAY_IMAGE: OVERLAY_REF }, PARAMS, stub.binDir);
    expect(extract.stdout).toContain('Error response from daemon: no matching manifest for linux/amd64 in the manifest list entries');
    expect(extract.status).not.toBe(0);
  });

  test('the stub enforces the daemon contract: no command, no container', () => {
    const dir = scenario('stub-contract');
    const stub = installDockerStub(dir, OVERLAY_REF, platforms(dir), 'amd64');
    const proc = spawnSync('docker', ['create', '--platform', 'linux/amd64', OVERLAY_REF], {
      env: { ...process.env, ...stub.env, PATH: `${stub.binDir}:${process.env.PATH}` }, encoding: 'utf8',
    });
    expect(proc.stderr).toBe('Error response from daemon: no command specified\n');
    expect(proc.status).toBe(1);
  });

  test('an empty image reference is refused', () => {
    const dir = scenario('extract-empty-ref');
    const stub = installDockerStub(dir, OVERLAY_REF, platforms(dir), 'amd64');
    const extract = runStep(VERIFY_IMAGE_STEP_IDS.extractOverlay, dir, { ...stub.env, OVERLAY_IMAGE: '' }, PARAMS, stub.binDir);
    expect(extract.errors).toEqual(['::error::extract-overlay: OVERLAY_IMAGE is empty or not an image reference: ""']);
    expect(extract.status).toBe(1);
    expect(stub.calls()).toEqual([]);
  });
});

describe('install-image-tools step', () => {
  test('installs nothing when the tools are there', () => {
    const dir = scenario('install');
    const run = runStep(VERIFY_IMAGE_STEP_IDS.installTools, dir, {});
    expect(run.stdout).not.toContain('Installing');
    expect(run.status).toBe(0);
  });

  test('installs the missing packages with sudo apt-get', () => {
    const dir = scenario('install-missing');
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    // a PATH with only bash's basics: sgdisk, mcopy, xz, zstd and cmp are missing
    for (const tool of ['bash', 'head', 'cat', 'dirname', 'chmod']) {
      fs.symlinkSync(spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), path.join(bin, tool));
    }
    fs.writeFileSync(path.join(bin, 'sudo'), '#!/bin/bash\necho "sudo $*" >> "${SUDO_LOG}"\nfor t in sgdisk mcopy; do printf \'#!/bin/bash\\necho %s 1.0\\n\' "$t" > "$(dirname "$0")/$t"; chmod +x "$(dirname "$0")/$t"; done\n', { mode: 0o755 });
    const step = stepsById()[VERIFY_IMAGE_STEP_IDS.installTools];
    const proc = spawnSync(path.join(bin, 'bash'), ['-e', '-c', step.run], {
      cwd: dir, env: { ...process.env, PATH: bin, SUDO_LOG: path.join(dir, 'sudo.log') }, encoding: 'utf8',
    });
    expect(proc.stdout).toContain('Installing gdisk mtools xz-utils zstd diffutils from the runner\'s apt');
    expect(fs.readFileSync(path.join(dir, 'sudo.log'), 'utf8').split('\n')).toEqual([
      'sudo apt-get update -qq',
      'sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gdisk mtools xz-utils zstd diffutils',
      '',
    ]);
    expect(proc.status).toBe(0);
  });
});
