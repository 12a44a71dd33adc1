/**
 * Which kernel the board's Talos image boots. It decides which console devices exist.
 */
export enum KernelFlavour {
  /**
   * The stock Talos kernel or another mainline-based kernel (official overlays, and the
   * community `mainline` variants). Rockchip BSP-only devices such as `ttyFIQ0` do not exist.
   */
  MAINLINE = 'mainline',
  /**
   * A vendor BSP kernel (e.g. the Rockchip 5.10/6.1 BSP, the community `bsp` variant),
   * which has the FIQ debugger console `ttyFIQ0`.
   */
  BSP = 'bsp',
}
