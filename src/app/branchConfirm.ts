// Before a click changes a lab that is in its past, the page asks: the change starts a new branch there,
// and the old future is kept as the branch it was. Whether a command would branch is the worker's to
// say (the history view's `atEnd`, asked fresh for each command, so a view still on its way after a
// reset or a seek is never trusted); this only holds the open question until the learner answers it.
// Scripts (window.lab, postMessage, the CLI) never come through here: they branch without a question.
// A dialog that asks for itself (Revert, Delete, Restore VM, Take Snapshot, the settings dialogs) says in its own words that
// its Yes or OK starts the branch, and passes the branch it named: the learner is asked once.
import { create } from 'zustand';
import type { CommandResult } from '../engine/core/view';
import type { WouldBranch } from '../worker/branchTree';

export interface BranchQuestion extends WouldBranch {
  /** Where the lab is, in simulated ms (the worker's answer). */
  position: number;
}

export const useBranchQuestion = create<{ question: BranchQuestion | null }>()(() => ({ question: null }));

/** What a command the learner backed out of answers (nothing was sent to the lab). */
export const CANCELLED: CommandResult = {
  ok: false,
  error: { code: 'CANCELLED', message: 'Cancelled: nothing changed (a change at this moment would have started a new branch).' },
};

type HistoryAnswer = { atEnd: boolean; wouldBranch: WouldBranch | null; position: number };

let answer: ((go: boolean) => void) | null = null;

/**
 * True when the command may go: the lab is at its branch's end, the command only lets time run, the
 * learner already agreed to start this very branch in the command's own dialog (`agreed`, the new
 * branch's name as that dialog showed it), or the learner chose Continue. `ask` fetches the worker's
 * history view. A second change while the question is open is refused (false): only one question at
 * a time.
 */
export async function mayChange(type: string, ask: () => Promise<HistoryAnswer>, agreed?: string): Promise<boolean> {
  if (type === 'clock.advance') return true;
  const view = await ask();
  if (view.atEnd || !view.wouldBranch) return true;
  // The dialog's words may be a moment old: only the branch it named goes without a question.
  if (agreed !== undefined && agreed === view.wouldBranch.newBranch) return true;
  if (answer) return false;
  const question = { ...view.wouldBranch, position: view.position };
  return new Promise<boolean>((resolve) => {
    answer = resolve;
    useBranchQuestion.setState({ question });
  });
}

/** The learner's answer: Continue (true) or Cancel (false). */
export function answerBranchQuestion(go: boolean): void {
  const resolve = answer;
  answer = null;
  useBranchQuestion.setState({ question: null });
  resolve?.(go);
}
