/**
 * The tag pattern that releases the board: the subset of GitHub filter syntax that rulesets and
 * deployment policies read the same way (see `tagPatternProblem`).
 */
import { BoardRule } from './context';
import { isValidBoardName } from './names';
import { tagPatternProblem } from '../../workflow/private/tag-glob';

export const tagPatternRule: BoardRule = {
  id: 'tag-pattern',
  check({ problems, props, board }) {
    if (props.tagPattern === undefined && !isValidBoardName(board.boardName)) {
      return; // derived from the board name, which is already reported
    }
    const problem = tagPatternProblem(board.tagPattern, `v*-${board.boardName}`);
    if (problem) {
      problems.add('tagPattern', board.tagPattern, problem.rule, problem.fix);
    }
  },
};
