// The "Edit backup proxy" form: "Max concurrent tasks" as typed, and why a value is refused. The
// engine refuses the same values (backup rule 24); the form says so before anything is sent.

export const MIN_TASKS = 1;
export const MAX_TASKS = 64;

/** The task slots a typed value asks for, or a sentence saying why it cannot be. */
export function parseMaxTasks(text: string): { slots: number } | { problem: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < MIN_TASKS || Number(t) > MAX_TASKS) {
    return { problem: `Max concurrent tasks: a whole number from ${MIN_TASKS} to ${MAX_TASKS} (one task reads one VM disk).` };
  }
  return { slots: Number(t) };
}
