/**
 * Paths inside the overlay image and the disk image: where each raw-write file is found in the
 * overlay image, and the declared DTB path.
 */
import { BoardRule } from './context';
import { PLAIN_RELATIVE_PATH } from '../../private/names';
import { Problems } from '../../private/validation';
import { BoardPreset } from '../board-preset';
import { UbootArtifact } from '../raw-layout';

/** What locates a board's files inside its overlay image. */
export interface OverlayPathContext {
  readonly arch: string;
  readonly boardName: string;
  readonly overlayOptions: { readonly [key: string]: unknown };
  readonly preset?: BoardPreset;
}

/**
 * Where the image verification step finds each raw-write file in the overlay image: the
 * declared `overlayPath`; for a catalog board its overlay's U-Boot folder (boards.json
 * `ubootArtifactDirectory`, e.g. radxa-zero-3e reads radxa-zero-3's); otherwise the
 * siderolabs/sbc-rockchip layout `artifacts/<arch>/u-boot/<board>/<file>` (installers/<board>/src/main.go
 * @ v0.2.0), where `<board>` is the `board` overlay option, else the board name.
 * @returns a function from file name to overlay path
 */
export function overlayPathsOf(problems: Problems, context: OverlayPathContext, artifacts: readonly UbootArtifact[]): (file: string) => string {
  const declared = new Map<string, string>();
  artifacts.forEach((artifact, i) => {
    if (artifact.overlayPath === undefined) {
      return;
    }
    if (!PLAIN_RELATIVE_PATH.test(artifact.overlayPath)) {
      problems.add(`ubootArtifacts[${i}].overlayPath`, artifact.overlayPath, `must be a relative path inside the overlay image (${PLAIN_RELATIVE_PATH.source})`,
        'give the path as the overlay image holds it, e.g. "artifacts/arm64/u-boot/nanopi-m6/uboot.img"');
    } else {
      declared.set(artifact.file, artifact.overlayPath);
    }
  });
  const optionBoard = context.overlayOptions.board;
  const boardDirectory = typeof optionBoard === 'string' && PLAIN_RELATIVE_PATH.test(optionBoard) ? optionBoard : (context.preset?.name ?? context.boardName);
  const presetDirectory = context.preset?.ubootArtifactDirectory.replace(/^\/+|\/+$/g, '');
  return (file) => declared.get(file)
    ?? (presetDirectory !== undefined ? `${presetDirectory}/${file}` : `artifacts/${context.arch}/u-boot/${boardDirectory}/${file}`);
}

/** A declared DTB path is a `.dtb` of plain segments under `/boot/EFI` (the EFI partition). */
export const dtbPathRule: BoardRule = {
  id: 'dtb-path',
  check({ problems, props }) {
    const dtb = props.dtb;
    if (dtb !== undefined && !(dtb.startsWith('/boot/EFI/') && dtb.endsWith('.dtb') && PLAIN_RELATIVE_PATH.test(dtb.slice(1)))) {
      problems.add('dtb', dtb, 'must be a .dtb path under /boot/EFI (the EFI partition), of plain path segments',
        'give the path the installer copies the DTB to, e.g. "/boot/EFI/dtb/rockchip/rk3588s-nanopi-m6.dtb"');
    }
  },
};
