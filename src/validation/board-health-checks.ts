/**
 * What a healthy board shows after flashing, checked by the generated validation script
 * (`validate-<board>.sh`, see {@link BoardValidation}) with `talosctl` reads against a node.
 *
 * There is no USB check: Talos has no USB resource (no `resource.Type` of that name in
 * siderolabs/talos pkg/machinery/resources @ v1.7.0 through v1.14.0-rc.1). A USB controller
 * that sits on PCIe shows in `pciDevices`; one that is a SoC platform device (RK3588's) can be
 * checked through its driver in `kernelModules` when the kernel builds it as a module.
 *
 * @example
 * const checks: BoardHealthChecks = {
 *   compatible: ['friendlyelec,nanopi-m6', 'rockchip,rk3588'],
 *   links: ['eth0'],
 *   disks: ['nvme0n1'],
 * };
 */
export interface BoardHealthChecks {
  /**
   * Device-tree `compatible` strings that must appear in `/proc/device-tree/compatible`
   * (the root node's list, e.g. `friendlyelec,nanopi-m6` and `rockchip,rk3588`): proof that the
   * board booted the DTB it was built for. Read with `talosctl read`, so it needs a configured
   * node (maintenance mode serves no file reads: the check is skipped under `--insecure`).
   * @default - the device tree is not checked
   */
  readonly compatible?: string[];

  /**
   * Network links that must be up (`talosctl get links`: `operationalState: up`), e.g. `eth0`.
   * Works in maintenance mode too.
   * @default - no link is checked
   */
  readonly links?: string[];

  /**
   * Disks that must be present, by kernel device name without `/dev/` (`talosctl get disks`),
   * e.g. `nvme0n1` or `mmcblk0`. The `Disks` resource exists from Talos v1.8: on older
   * releases the check is skipped.
   * @default - no disk is checked
   */
  readonly disks?: string[];

  /**
   * PCI devices that must be present, as `vendor:device` in lowercase hex as `lspci -nn` shows
   * them, e.g. `144d:a80a` (`talosctl get pcidevices`: `vendor_id` and `product_id`). The
   * `PCIDevices` resource exists from Talos v1.8: on older releases the check is skipped.
   * @default - no PCI device is checked
   */
  readonly pciDevices?: string[];

  /**
   * Kernel modules that must be loaded, as `/proc/modules` names them (underscores, e.g.
   * `r8169`). A driver built into the kernel is never listed there: name only drivers the
   * kernel builds as modules. Read with `talosctl read`, so it needs a configured node (skipped
   * under `--insecure`).
   * @default - no module is checked
   */
  readonly kernelModules?: string[];
}
