/**
 * Where an overlay comes from: one of the official siderolabs overlay repositories, or a
 * community overlay built by its own repository.
 */
export enum OverlayFamily {
  /** `ghcr.io/siderolabs/sbc-rockchip` (one installer per board, option `spi_boot` on SPI-capable boards). */
  SBC_ROCKCHIP = 'sbc-rockchip',
  /** `ghcr.io/siderolabs/sbc-raspberrypi` (options `configTxt`, `configTxtAppend`). */
  SBC_RASPBERRYPI = 'sbc-raspberrypi',
  /** `ghcr.io/siderolabs/sbc-allwinner`. */
  SBC_ALLWINNER = 'sbc-allwinner',
  /** `ghcr.io/siderolabs/sbc-jetson`. */
  SBC_JETSON = 'sbc-jetson',
  /**
   * The community `rk3588` overlay (milas/talos-sbc-rk3588 lineage, e.g. the NanoPi M6
   * fork): one installer `rk3588` selecting the board with the `board` and `chipset` options;
   * not in the siderolabs catalog, so every repository builds and pushes its own image.
   */
  COMMUNITY_RK3588 = 'community-rk3588',
}
