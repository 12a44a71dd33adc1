/**
 * The board's after-flash health checks (`healthChecks`), checked by the validation module's rules
 * (src/validation/private-health-rules.ts). Sets `resolved.healthChecks`.
 */
import { BoardRule } from './context';
import { checkHealthChecks } from '../../validation/private-health-rules';

export const healthChecksRule: BoardRule = {
  id: 'health-checks',
  check({ problems, props, resolved }) {
    resolved.healthChecks = checkHealthChecks(problems, 'healthChecks', props.healthChecks);
  },
};
