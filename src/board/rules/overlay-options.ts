/**
 * Overlay installer options: keys, values, the three option maps against each other, and the
 * installer's option schema (unknown, mistyped and missing options).
 */
import { BoardRule } from './context';
import { checkSafeValue } from '../../private/names';
import { keyField } from '../../private/text';
import { OverlayOptionType } from '../overlay-options';

const OPTION_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const overlayOptionsRule: BoardRule = {
  id: 'overlay-options',
  check({ problems, board }) {
    for (const [key, value] of Object.entries(board.overlayOptions)) {
      if (!OPTION_KEY.test(key)) {
        problems.add(keyField('overlayOptions', key), key, `an overlay option key must match ${OPTION_KEY.source}`, 'use the YAML key the installer reads, e.g. "board"');
      }
      if (value.startsWith('@')) {
        // siderolabs/talos cmd/installer/cmd/imager/root.go @ v1.10.6: for "--overlay-option=k=v", a value
        // starting with "@" is read as a file path (os.ReadFile(v[1:])), not passed as text
        problems.add(keyField('overlayOptions', key), value, 'the imager reads an overlay option value starting with "@" as a file path (cmd/imager root.go)',
          'pass the literal text without the leading "@", or free text in overlayTextOptions');
      } else if (value.length === 0) {
        problems.add(keyField('overlayOptions', key), value, 'an overlay option value must not be empty', 'give the value or remove the option');
      } else {
        const plain = value.replace(/[^A-Za-z0-9._,:=+@%\/-]+/g, '');
        checkSafeValue(problems, keyField('overlayOptions', key), value,
          `use a plain value${plain.length > 0 && plain.length <= 60 ? ` such as "${plain}"` : ''}, or pass free text in overlayTextOptions`);
      }
    }
    for (const [key, value] of Object.entries(board.overlayBooleanOptions)) {
      if (!OPTION_KEY.test(key)) {
        problems.add(keyField('overlayBooleanOptions', key), key, `an overlay option key must match ${OPTION_KEY.source}`, 'use the YAML key the installer reads, e.g. "spi_boot"');
      }
      if (typeof value !== 'boolean') {
        problems.add(keyField('overlayBooleanOptions', key), value, 'must be true or false', 'use a boolean');
      }
    }
    for (const [key, value] of Object.entries(board.overlayTextOptions)) {
      if (!OPTION_KEY.test(key)) {
        problems.add(keyField('overlayTextOptions', key), key, `an overlay option key must match ${OPTION_KEY.source}`, 'use the YAML key the installer reads, e.g. "configTxtAppend"');
      }
      if (typeof value !== 'string' || value.length === 0 || value.length > 65536 || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) {
        problems.add(keyField('overlayTextOptions', key), value, 'must be 1 to 65536 characters of text (tabs and newlines allowed, no other control characters)',
          'give the text or remove the option');
      }
      if (typeof value === 'string' && value.includes('${{')) {
        problems.add(keyField('overlayTextOptions', key), value,
          'must not contain "${{": GitHub Actions evaluates it anywhere in the workflow file (env: included), so a secret or event value would be written into the image',
          'write the text without "${{"');
      }
    }
    const maps: Array<[string, object]> = [
      ['overlayOptions', board.overlayOptions], ['overlayBooleanOptions', board.overlayBooleanOptions], ['overlayTextOptions', board.overlayTextOptions],
    ];
    for (const [field, map] of maps) {
      if (Object.keys(map).includes('__proto__')) {
        problems.add(`${field}.__proto__`, '__proto__', '"__proto__" cannot be an option key (a JavaScript object drops it)', 'use the YAML key the installer reads, e.g. "board"');
      }
    }
    const seen = new Map<string, string>();
    for (const [field, map] of maps) {
      for (const key of Object.keys(map)) {
        const earlier = seen.get(key);
        if (earlier) {
          problems.add(keyField(field, key), key, `is also given in ${earlier}`, 'give each option once');
        }
        seen.set(key, field);
      }
    }
    if (board.overlayOptionSchema.length === 0 && !board.preset) {
      return;
    }
    const installer = board.preset ? `the ${board.preset.name} installer` : `the ${board.overlayName} installer`;
    const allowed = board.overlayOptionSchema.length === 0
      ? 'it reads no options'
      : `it reads only ${board.overlayOptionSchema.map((o) => `${o.key} (${o.type})`).join(', ')}`;
    for (const [field, map] of maps) {
      for (const key of Object.keys(map)) {
        const spec = board.overlayOptionSchema.find((o) => o.key === key);
        if (!spec) {
          problems.add(keyField(field, key), key, `is not an option of ${installer}; ${allowed}`,
            board.overlayOptionSchema.length === 0 ? 'remove the option' : `use one of ${board.overlayOptionSchema.map((o) => `"${o.key}"`).join(', ')}`);
        } else if (spec.type === OverlayOptionType.BOOLEAN && field !== 'overlayBooleanOptions') {
          problems.add(keyField(field, key), (map as { [k: string]: unknown })[key],
            `${key} is a boolean option: as key=value or text it reaches the installer as a string, which its bool field rejects`,
            `pass it in overlayBooleanOptions, e.g. { ${key}: true }`);
        } else if (spec.type === OverlayOptionType.STRING && field === 'overlayBooleanOptions') {
          problems.add(keyField(field, key), (map as { [k: string]: unknown })[key], `${key} is a string option`,
            'pass it in overlayOptions (plain value) or overlayTextOptions (free text)');
        }
      }
    }
    for (const spec of board.overlayOptionSchema) {
      if (spec.required && !seen.has(spec.key)) {
        const where = spec.type === OverlayOptionType.BOOLEAN ? 'overlayBooleanOptions' : 'overlayOptions';
        problems.add(`${where}.${spec.key}`, undefined, `is required by ${installer}${spec.description ? ` (${spec.description})` : ''}`,
          `give ${spec.key}`);
      }
    }
  },
};
