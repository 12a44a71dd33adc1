import { github } from 'projen';
import type { WorkflowSettings } from './jobs/settings';
import { OverlayBuild, OverlayVariant } from './overlay-build';
import { OverlayBoard } from '../board/overlay-board';

// The legs of a release workflow (internal: not exported from the package).

/** The artifact name prefix of imager outputs. */
export const IMAGE_ARTIFACT_PREFIX = 'image-';

/** One overlay build (the only one, or one variant). */
export interface BuiltOverlay {
  readonly variant?: string;
  readonly jobId: string;
  readonly tagSuffix: string;
  readonly digestEnv: string;
  readonly target?: string;
  readonly buildArgs: { [name: string]: string };
  /** The imager built with the variant's kernel, if the variant declares one. */
  readonly imagerImage?: string;
  readonly officialImage?: undefined;
}

/** An official overlay image of the catalog (nothing is built). */
export interface OfficialOverlay {
  readonly variant?: undefined;
  readonly jobId?: undefined;
  /** The declared imager (`ReleaseWorkflowProps.imagerImage`), if not the stock one. */
  readonly imagerImage?: string;
  readonly tagSuffix: string;
  readonly officialImage: string;
}

/** Where a leg's overlay comes from. */
export type OverlaySource = BuiltOverlay | OfficialOverlay;

/** One imager run: a board with one overlay build. */
export interface ImageLeg {
  readonly board: OverlayBoard;
  readonly overlay: OverlaySource;
  readonly jobId: string;
  readonly artifactName: string;
  readonly assetName: string;
  readonly installerTagSuffix: string;
}

/** The overlay builds: none, one, or one per variant. */
export function overlaysOf(build: OverlayBuild | undefined, variants: readonly OverlayVariant[], imagerImage?: string): BuiltOverlay[] {
  if (!build) {
    return [];
  }
  if (variants.length === 0) {
    return [{ jobId: 'overlay', tagSuffix: '', digestEnv: 'OVERLAY_DIGEST', target: build.target, buildArgs: build.buildArgs, imagerImage }];
  }
  return variants.map((v) => ({
    variant: v.name,
    jobId: `overlay-${v.name}`,
    tagSuffix: `-${v.name}`,
    digestEnv: `OVERLAY_DIGEST_${v.name.toUpperCase().replace(/-/g, '_')}`,
    target: v.target ?? build.target,
    buildArgs: { ...build.buildArgs, ...(v.buildArgs ?? {}) },
    imagerImage: v.imagerImage ?? imagerImage,
  }));
}

/** One imager leg per board and overlay build. */
export function legsOf(boards: readonly OverlayBoard[], overlays: readonly BuiltOverlay[], imagerImage?: string): ImageLeg[] {
  const legs: ImageLeg[] = [];
  for (const board of boards) {
    const sources: OverlaySource[] = overlays.length > 0 ? [...overlays] : [{ officialImage: board.officialOverlayImage!, tagSuffix: '', imagerImage }];
    for (const overlay of sources) {
      const suffix = overlay.variant ? `-${overlay.variant}` : '';
      legs.push({
        board,
        overlay,
        jobId: `image-${board.boardName}${suffix}`,
        artifactName: `${IMAGE_ARTIFACT_PREFIX}${board.boardName}${suffix}`,
        assetName: overlay.variant ? board.assetName.replace(`-${board.boardName}-`, `-${board.boardName}-${overlay.variant}-`) : board.assetName,
        installerTagSuffix: `-${board.boardName}${suffix}-installer`,
      });
    }
  }
  return legs;
}

/** What a release workflow file is rendered from (`ReleaseWorkflow._derivation()`). */
export interface WorkflowDerivation {
  readonly workflowName: string;
  readonly filePath: string;
  /** The `on.push.tags` patterns (one per distinct board pattern). */
  readonly tagPatterns: string[];
  /** The workflow's `TALOS_VERSION` (undefined without boards). */
  readonly talosVersion?: string;
  readonly settings: WorkflowSettings;
  readonly overlays: BuiltOverlay[];
  readonly legs: ImageLeg[];
  /** The typed jobs, by id, before rendering. */
  readonly jobs: { [id: string]: github.workflows.Job };
}
