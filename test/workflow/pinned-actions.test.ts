import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { PINNED_ACTIONS, usesOf, versionOf } from '../../src/workflow/pinned-actions';

/** Verified tag → commit table (read from the actions' own repositories), beside the project when present. */
const VERIFIED = join(__dirname, '..', '..', '..', 'shared', 'reference', 'action-pins.json');

describe('pinned actions table', () => {
  test.each(PINNED_ACTIONS.map((a) => [a.repository, a]))('%s is pinned to a full commit SHA of a vX.Y.Z release', (_name, action) => {
    expect(action.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(action.version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(usesOf(action)).toBe(`${action.repository}@${action.commit}`);
    expect(versionOf(usesOf(action))).toBe(action.version);
  });

  test('one entry per repository', () => {
    const repos = PINNED_ACTIONS.map((a) => a.repository);
    expect(new Set(repos).size).toBe(repos.length);
  });

  test('every commit is the dereferenced commit of its release tag (not the annotated tag object)', () => {
    if (!existsSync(VERIFIED)) {
      console.warn(`skipped: ${VERIFIED} is not present (it sits beside the project in CI)`);
      return;
    }
    const verified = JSON.parse(readFileSync(VERIFIED, 'utf8'));
    for (const action of PINNED_ACTIONS) {
      const tags = verified[action.repository]?.tags;
      expect(tags).toBeDefined();
      const resolved = tags[action.version]?.commit;
      expect({ repository: action.repository, commit: resolved }).toEqual({ repository: action.repository, commit: action.commit });
    }
  });
});
