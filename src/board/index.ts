export { Architecture, Compression, DiskFormat, ImageOutputOptions } from './image-output';
export { OverlayBoard, OverlayBoardProps } from './overlay-board';
export { TalosVersion } from './talos-version';
