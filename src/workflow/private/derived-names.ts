import { OverlayBoard } from '../../board/overlay-board';
import { ImageRepository } from '../../image/image-repository';
import { Problems } from '../../private/validation';
import { BuiltOverlay, ImageLeg, legsOf } from '../legs';

// Uniqueness of the names derived from boards and variants (internal). Job ids, artifact names,
// asset names and pushed tags are joined from several inputs ("image-" + board + "-" + variant),
// so distinct inputs can derive one name: board "rock-5b" with variant "x-y" and board
// "rock-5b-x" with variant "y" both give the job "image-rock-5b-x-y", and one job would
// silently replace the other. The check runs on the derived names, not on the inputs.

function describe(leg: ImageLeg): string {
  return `board "${leg.board.boardName}"${leg.overlay.variant ? ` with variant "${leg.overlay.variant}"` : ''}`;
}

/** The derived names of one leg, by kind. */
function namesOf(leg: ImageLeg, installerImage: ImageRepository | undefined): Array<[string, string]> {
  const names: Array<[string, string]> = [
    ['job id', leg.jobId],
    ['artifact name', leg.artifactName],
    ['release asset name', leg.assetName],
  ];
  if (installerImage) {
    names.push(['installer image tag', `<git tag>${leg.installerTagSuffix}`]);
  }
  return names;
}

/**
 * Adds a problem when a leg of `board` (the board at `index`) derives a job id, artifact name,
 * asset name or installer tag that another leg already derives, or an installer tag that equals
 * an overlay tag in the same repository.
 */
export function checkDerivedNames(
  problems: Problems, index: number, board: OverlayBoard, earlier: readonly OverlayBoard[], overlays: readonly BuiltOverlay[],
  imagerImage: string | undefined, overlayImage: ImageRepository | undefined, installerImage: ImageRepository | undefined,
): void {
  const taken = new Map<string, string>();
  for (const leg of legsOf(earlier, overlays, imagerImage)) {
    for (const [kind, name] of namesOf(leg, installerImage)) {
      taken.set(`${kind}\u0000${name}`, describe(leg));
    }
  }
  if (installerImage && overlayImage && installerImage.fullName === overlayImage.fullName) {
    for (const overlay of overlays) {
      taken.set(`installer image tag\u0000<git tag>${overlay.tagSuffix}`, `the overlay image${overlay.variant ? ` of variant "${overlay.variant}"` : ''} (same repository)`);
    }
  }
  const reported = new Set<string>();
  for (const leg of legsOf([board], overlays, imagerImage)) {
    for (const [kind, name] of namesOf(leg, installerImage)) {
      const other = taken.get(`${kind}\u0000${name}`);
      if (other !== undefined && !reported.has(other)) {
        reported.add(other);
        problems.add(`boards[${index}].boardName`, board.boardName,
          `${describe(leg)} derives the ${kind} "${name}", which ${other} already derives: one would overwrite the other`,
          `rename the board or the variant so that no "<board>-<variant>" name repeats${kind === 'installer image tag' ? ', or push installer images to their own repository (installerImage)' : ''}`);
      }
      taken.set(`${kind}\u0000${name}`, describe(leg));
    }
  }
}
