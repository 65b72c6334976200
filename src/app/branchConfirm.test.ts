import { afterEach, describe, expect, it } from 'vitest';
import { answerBranchQuestion, mayChange, useBranchQuestion } from './branchConfirm';

const past = { atEnd: false, position: 60_000, wouldBranch: { newBranch: 'Branch 2', keptAs: 'Branch 1 · EXCH01: deleted before-patch (day 1, 00:10)', next: 'EXCH01: deleted before-patch (day 1, 00:10)' } };
const end = { atEnd: true, position: 600_000, wouldBranch: null };

afterEach(() => answerBranchQuestion(false));

describe('the question before a click changes the lab in its past', () => {
  it('lets a command go at once at the branch\'s end, and never asks for letting time run', async () => {
    let asked = 0;
    expect(await mayChange('snapshot.delete', async () => { asked++; return end; })).toBe(true);
    expect(await mayChange('clock.advance', async () => { asked++; return past; })).toBe(true);
    expect(asked).toBe(1);
    expect(useBranchQuestion.getState().question).toBeNull();
  });

  it('in the past holds the command until the learner answers: Continue lets it go, Cancel stops it', async () => {
    const going = mayChange('snapshot.delete', async () => past);
    await expect.poll(() => useBranchQuestion.getState().question).toEqual({ ...past.wouldBranch, position: 60_000 });
    answerBranchQuestion(true);
    expect(await going).toBe(true);
    expect(useBranchQuestion.getState().question).toBeNull();

    const stopped = mayChange('snapshot.revert', async () => past);
    await expect.poll(() => useBranchQuestion.getState().question).not.toBeNull();
    answerBranchQuestion(false);
    expect(await stopped).toBe(false);
  });

  it('refuses a second change while a question is open, and the first still waits for its answer', async () => {
    const first = mayChange('snapshot.delete', async () => past);
    await expect.poll(() => useBranchQuestion.getState().question).not.toBeNull();
    expect(await mayChange('vm.powerOff', async () => past)).toBe(false);
    expect(useBranchQuestion.getState().question).not.toBeNull();
    answerBranchQuestion(true);
    expect(await first).toBe(true);
  });

  it('goes without a question when the command\'s own dialog named this branch, and asks when it named another', async () => {
    expect(await mayChange('snapshot.revert', async () => past, 'Branch 2')).toBe(true);
    expect(useBranchQuestion.getState().question).toBeNull();
    // The dialog's words were a moment old (another branch was made since): the question is asked.
    const asked = mayChange('snapshot.revert', async () => past, 'Branch 3');
    await expect.poll(() => useBranchQuestion.getState().question).not.toBeNull();
    answerBranchQuestion(false);
    expect(await asked).toBe(false);
  });
});
