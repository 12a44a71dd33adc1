import { OverlayBoard } from '../board/overlay-board';

// The legs of a release workflow (internal: not exported from the package).

/** One overlay build (the only one, or one variant). */
export interface BuiltOverlay {
  readonly variant?: string;
  readonly jobId: string;
  readonly tagSuffix: string;
  readonly digestEnv: string;
  readonly target?: string;
  readonly buildArgs: { [name: string]: string };
  readonly officialImage?: undefined;
}

/** An official overlay image of the catalog (nothing is built). */
export interface OfficialOverlay {
  readonly variant?: undefined;
  readonly jobId?: undefined;
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
