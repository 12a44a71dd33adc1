/**
 * The siderolabs/overlays catalog (internal/overlays/overlays.yaml) at Talos release tags,
 * typed independently of the catalog data under test (read from the overlays repository at
 * each tag).
 */
export const CATALOG_AT: { [talos: string]: { images: string[]; boards: string } } = {
  'v1.7.4': {
    images: ['sbc-rockchip:v0.1.0-beta.1', 'sbc-raspberrypi:v0.1.0-beta.0', 'sbc-allwinner:v0.1.0-beta.0', 'sbc-jetson:v0.1.0-beta.0'],
    boards: 'bananapi_m64 jetson_nano libretech_all_h3_cc_h5 nanopi-r4s orangepi-r1-plus-lts pine64 rock4cplus rock64 rockpi4 rockpi4c rpi_generic',
  },
  'v1.9.6': {
    images: ['sbc-rockchip:v0.1.3', 'sbc-raspberrypi:v0.1.3', 'sbc-allwinner:v0.1.0', 'sbc-jetson:v0.1.0'],
    boards: 'bananapi_m64 helios64 jetson_nano libretech_all_h3_cc_h5 nanopi-r4s nanopi-r5s orangepi-5 orangepi-r1-plus-lts pine64 rock4cplus rock4se rock5b rock64 rockpi4 rockpi4c rpi_generic turingrk1',
  },
  'v1.10.0': {
    images: ['sbc-rockchip:v0.1.4', 'sbc-raspberrypi:v0.1.4', 'sbc-allwinner:v0.1.1', 'sbc-jetson:v0.1.1'],
    boards: 'bananapi_m64 helios64 jetson_nano libretech_all_h3_cc_h5 nanopi-r4s nanopi-r5s orangepi-5 orangepi-5-plus orangepi-r1-plus-lts pine64 revpi_generic rock4cplus rock4se rock5a rock5b rock64 rockpi4 rockpi4c rockpro64 rpi_generic turingrk1',
  },
  'v1.10.6': {
    images: ['sbc-rockchip:v0.1.5', 'sbc-raspberrypi:v0.1.5', 'sbc-allwinner:v0.1.2', 'sbc-jetson:v0.1.2'],
    boards: 'bananapi_m64 helios64 jetson_nano libretech_all_h3_cc_h5 nanopi-r4s nanopi-r5s orangepi-5 orangepi-5-plus orangepi-r1-plus-lts pine64 revpi_generic rock4cplus rock4se rock5a rock5b rock64 rockpi4 rockpi4c rockpro64 rpi_generic turingrk1',
  },
  'v1.12.0': {
    images: ['sbc-rockchip:v0.1.7', 'sbc-raspberrypi:v0.1.7', 'sbc-allwinner:v0.1.3', 'sbc-jetson:v0.1.3'],
    boards: 'bananapi_m64 helios64 jetson_nano libretech_all_h3_cc_h5 nanopi-r4s nanopi-r5s odroid-m1 orangepi-5 orangepi-5-max orangepi-5-plus orangepi-r1-plus-lts pine64 radxa-zero-3e revpi_generic rock3b rock4cplus rock4se rock5a rock5b rock5t rock64 rockpi4 rockpi4c rockpro64 rpi_generic turingrk1',
  },
  'v1.12.5': {
    images: ['sbc-rockchip:v0.2.0', 'sbc-raspberrypi:v0.2.0', 'sbc-allwinner:v0.1.5', 'sbc-jetson:v0.1.5'],
    boards: 'bananapi_m64 friendlyelec-cm3588-nas helios64 jetson_nano libretech_all_h3_cc_h5 nanopi-r4s nanopi-r5s odroid-m1 orangepi-5 orangepi-5-max orangepi-5-plus orangepi-r1-plus-lts pine64 radxa-zero-3e revpi_generic rock3b rock4cplus rock4se rock5a rock5b rock5b-plus rock5t rock64 rockpi4 rockpi4c rockpro64 rpi_5 rpi_generic turingrk1',
  },
  // the newest catalog seen (v1.13.0–v1.13.5, v1.14.0-alpha.2) is assumed for later v1.13 patches
  'v1.13.9': {
    images: ['sbc-rockchip:v0.2.0', 'sbc-raspberrypi:v0.2.0', 'sbc-allwinner:v0.1.5', 'sbc-jetson:v0.1.5'],
    boards: 'bananapi_m64 friendlyelec-cm3588-nas helios64 jetson_nano libretech_all_h3_cc_h5 nanopi-r4s nanopi-r5s odroid-m1 orangepi-5 orangepi-5-max orangepi-5-plus orangepi-r1-plus-lts pine64 radxa-zero-3e revpi_generic rock3b rock4cplus rock4se rock5a rock5b rock5b-plus rock5t rock64 rockpi4 rockpi4c rockpro64 rpi_5 rpi_generic turingrk1',
  },
};

/** The official image of a family in a Talos release's catalog, e.g. `ghcr.io/siderolabs/sbc-rockchip:v0.1.5`. */
export function catalogImage(talos: string, family: string): string {
  const image = CATALOG_AT[talos].images.find((i) => i.startsWith(`${family}:`));
  if (!image) {
    throw new Error(`no ${family} in the ${talos} fixture`);
  }
  return `ghcr.io/siderolabs/${image}`;
}
