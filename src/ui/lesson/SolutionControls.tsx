// "Show solution": restart the lesson's lab and replay its solution through the page's own command
// functions, step by step, with the step being played described for the learner.
import { useEffect, useRef, useState } from 'react';
import { dispatch, pause, resetLab } from '../../app/commands';
import type { Lesson } from '../../lessons';
import { describeCommand } from './describeCommand';
import { replaySolution } from './solutionPlayer';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function SolutionControls({ lesson }: { lesson: Lesson }) {
  const [playing, setPlaying] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const play = async () => {
    const ctl = new AbortController();
    abort.current = ctl;
    setOutcome(null);
    setPlaying(0);
    await pause();
    const reset = await resetLab();
    if (!reset.ok) { setPlaying(null); setOutcome(`The lesson could not be restarted: ${reset.error.message}`); return; }
    const result = await replaySolution(lesson.solution, { dispatch, wait, signal: ctl.signal, onStep: (i) => setPlaying(i) });
    setPlaying(null);
    if (result.ok) setOutcome('The solution has been played.');
    else if ('stopped' in result) setOutcome(`Stopped before step ${result.step + 1}.`);
    else setOutcome(`Step ${result.step + 1} did not go as the lesson expects: ${result.message}`);
  };

  const step = playing !== null ? lesson.solution[playing] : null;
  return (
    <section aria-label="Solution" className="lesson-solution">
      {playing === null ? (
        <button type="button" className="btn" onClick={() => void play()}>Show solution</button>
      ) : (
        <button type="button" className="btn btn-warn" onClick={() => abort.current?.abort()}>Stop solution</button>
      )}
      <p className="muted small">{playing === null ? 'Restarts this lesson and plays its solution step by step.' : ''}</p>
      <div role="status" aria-live="polite" className="small">
        {step && <span>Step {playing! + 1} of {lesson.solution.length}: {step.caption ?? describeCommand(step.command)}</span>}
        {outcome && <span>{outcome}</span>}
      </div>
    </section>
  );
}
