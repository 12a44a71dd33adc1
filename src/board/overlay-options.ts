/**
 * Type of an overlay installer option, as the installer's options struct decodes it.
 */
export enum OverlayOptionType {
  /**
   * A string. Plain values are passed as `--overlay-option=key=value`; free text
   * (e.g. a `config.txt` body) goes through the options YAML file.
   */
  STRING = 'string',
  /**
   * A boolean, e.g. `spi_boot`. Passed through the options YAML file
   * (`--overlay-option=@file`): `key=value` would make it the string `"true"`, which the
   * installer's `bool` field rejects.
   */
  BOOLEAN = 'boolean',
}

/**
 * One option key an overlay installer reads from its extra options
 * (`InstallOptions.ExtraOptions`, decoded from YAML).
 */
export interface OverlayOptionSpec {
  /**
   * The YAML key, e.g. `spi_boot`, `configTxt`, `board`.
   */
  readonly key: string;

  /**
   * The value type.
   */
  readonly type: OverlayOptionType;

  /**
   * Whether the installer fails without it.
   * @default false
   */
  readonly required?: boolean;

  /**
   * What the option does.
   * @default - none
   */
  readonly description?: string;

  /**
   * For official overlays: the first version of the overlay image whose installer reads
   * this key, e.g. `v0.1.3` for `spi_boot` in sbc-rockchip.
   * @default - every version
   */
  readonly sinceOverlayVersion?: string;
}
