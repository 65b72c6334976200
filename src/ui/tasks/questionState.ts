// Which VM's question the "Virtual Machine Message" dialog shows. A new question opens it by itself;
// the learner may close it (it stays on the VM, in the inventory and in the VM's summary) and open
// it again with "Answer question…". Page state only: the question itself is the engine's.
import { create } from 'zustand';

interface QuestionUi {
  /** The VM whose question the learner opened, or null to follow new questions. */
  openedFor: string | null;
  /** Questions (by id) the learner closed without answering. */
  closed: string[];
}

export const useQuestionUi = create<QuestionUi>()(() => ({ openedFor: null, closed: [] }));

export function openQuestion(vm: string): void {
  useQuestionUi.setState({ openedFor: vm });
}

export function closeQuestion(questionId: string): void {
  useQuestionUi.setState((s) => ({ openedFor: null, closed: s.closed.includes(questionId) ? s.closed : [...s.closed.slice(-50), questionId] }));
}

export interface Asking { vm: string; name: string; id: string; text: string }

/** The question the dialog shows: the one the learner opened, else the first not yet closed. */
export function shownQuestion(asking: Asking[], ui: QuestionUi): { question: Asking; opened: boolean } | null {
  const opened = ui.openedFor === null ? undefined : asking.find((q) => q.vm === ui.openedFor);
  if (opened) return { question: opened, opened: true };
  const fresh = asking.find((q) => !ui.closed.includes(q.id));
  return fresh ? { question: fresh, opened: false } : null;
}
