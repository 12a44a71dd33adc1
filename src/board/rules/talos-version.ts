/**
 * The Talos release: a version the board model supports (and not a known-broken one). Later rules
 * read the parsed release from `resolved.version`.
 */
import { BoardRule } from './context';
import { TalosVersion } from '../talos-version';

export const talosVersionRule: BoardRule = {
  id: 'talos-version',
  check({ problems, board, resolved }) {
    resolved.version = TalosVersion._check(problems, 'talosVersion', board.talosVersion);
  },
};
