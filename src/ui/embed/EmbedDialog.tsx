// "Embed": builds the <iframe> snippet and the link that put this lab's chosen panels on a slide.
import { useEffect, useId, useState } from 'react';
import { embedUrl, iframeSnippet, normalOrigin, PANELS, type EmbedChoice, type Panel, type Theme, startsPlaying } from '../../app/embed/urlOptions';
import { currentShareLink } from '../../app/share/currentLink';
import { useLab } from '../../app/store';
import { getLesson } from '../../lessons';
import { MAX_SPEED, MIN_SPEED } from '../../worker/clock';
import { Dialog } from '../common/Dialog';
import { CopyField } from '../share/CopyField';
import { DEFAULT_EMBED_PANELS, PANEL_REGIONS } from './panels';

type Start = 'now' | 'lesson' | 'fresh';

export function EmbedDialog({ onClose }: { onClose(): void }) {
  const lessonId = useLab((s) => s.lessonId);
  const lesson = lessonId === null ? undefined : getLesson(lessonId);
  const vm = useLab((s) => s.state.vms.find((v) => v.id === s.selectedVm));
  const [panels, setPanels] = useState<Panel[]>(lesson ? [...DEFAULT_EMBED_PANELS, 'lesson'] : DEFAULT_EMBED_PANELS);
  const [start, setStart] = useState<Start>(lesson ? 'lesson' : 'now');
  const [showVm, setShowVm] = useState(true);
  const [theme, setTheme] = useState<Theme | ''>('');
  const [speed, setSpeed] = useState('');
  // Until the trainer chooses: on for a lesson (a slide's snapshot should finish), off for a lab.
  const [autoplayChoice, setAutoplay] = useState<boolean | null>(null);
  const [origin, setOrigin] = useState('');
  const [height, setHeight] = useState('520');
  /** The share fragment of the lab as it is now, made once when the dialog opens. */
  const [nowFragment, setNowFragment] = useState('');
  const ids = { start: useId(), origin: useId(), speed: useId() };

  useEffect(() => {
    let live = true;
    void currentShareLink().then((l) => { if (live) setNowFragment(new URL(l.url).hash); });
    return () => { live = false; };
  }, []);
  const fragment = start === 'now' ? nowFragment : '';
  const autoplay = autoplayChoice ?? startsPlaying({ embed: true }, start === 'lesson' && lesson !== undefined);

  const speedValue = Number(speed);
  const speedOk = speed === '' || (Number.isFinite(speedValue) && speedValue >= MIN_SPEED && speedValue <= MAX_SPEED);
  const originValue = origin.trim() === '' ? undefined : normalOrigin(origin.trim());
  const choice: EmbedChoice = {
    panels,
    lesson: start === 'lesson' ? lesson?.id : undefined,
    vm: showVm ? vm?.id : undefined,
    theme: theme || undefined,
    speed: speed !== '' && speedOk ? speedValue : undefined,
    autoplay,
    parentOrigin: originValue ?? undefined,
  };
  const pageUrl = location.href.split('#')[0];
  const url = embedUrl(pageUrl, choice) + fragment;
  const waiting = start === 'now' && !fragment;
  const toggle = (p: Panel, on: boolean) => setPanels((all) => (on ? PANELS.filter((x) => x === p || all.includes(x)) : all.filter((x) => x !== p)));

  return (
    <Dialog title="Embed" onClose={onClose} wide
      footer={<button type="button" className="btn btn-primary" onClick={onClose}>OK</button>}>
      <div className="embed-form">
        <fieldset>
          <legend>Panels</legend>
          <div className="embed-panel-checks">
            {PANELS.map((p) => (
              <label key={p} className="check">
                <input type="checkbox" checked={panels.includes(p)} onChange={(e) => toggle(p, e.target.checked)} />
                {PANEL_REGIONS[p].label}
              </label>
            ))}
          </div>
          {panels.length === 0 && <p className="muted small">No panel chosen: the embed shows its default panels.</p>}
        </fieldset>
        <fieldset>
          <legend>Start from</legend>
          <label className="check"><input type="radio" name={ids.start} checked={start === 'now'} onChange={() => setStart('now')} />This lab as it is now (its history travels in the link)</label>
          {lesson && <label className="check"><input type="radio" name={ids.start} checked={start === 'lesson'} onChange={() => setStart('lesson')} />The lesson “{lesson.title}” from its start</label>}
          <label className="check"><input type="radio" name={ids.start} checked={start === 'fresh'} onChange={() => setStart('fresh')} />The workshop lab from its start</label>
          {vm && <label className="check"><input type="checkbox" checked={showVm} onChange={(e) => setShowVm(e.target.checked)} />Show {vm.name} first</label>}
        </fieldset>
        <fieldset>
          <legend>Display and clock</legend>
          <label className="inline-field">Theme
            <select value={theme} onChange={(e) => setTheme(e.target.value as Theme | '')}>
              <option value="">The viewer's own</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <label className="inline-field" htmlFor={ids.speed}>Speed (simulated seconds per second)</label>
          <input id={ids.speed} type="number" min={MIN_SPEED} max={MAX_SPEED} step="any" value={speed} placeholder="1"
            aria-invalid={!speedOk} onChange={(e) => setSpeed(e.target.value)} />
          {!speedOk && <span className="small err-text">From {MIN_SPEED} to {MAX_SPEED}.</span>}
          <label className="check"><input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} />Start the clock when the slide opens</label>
          <label className="inline-field">Height (px)
            <input type="number" min={200} max={2000} step={10} value={height} onChange={(e) => setHeight(e.target.value)} />
          </label>
        </fieldset>
        <fieldset>
          <legend>Scripting from the slide (optional)</legend>
          <label className="field" htmlFor={ids.origin}>Origin of the slide deck allowed to drive the lab with postMessage</label>
          <input id={ids.origin} value={origin} placeholder="https://slides.example.com" spellCheck={false}
            aria-invalid={originValue === null} onChange={(e) => setOrigin(e.target.value)} />
          {originValue === null && <span className="small err-text">An origin is scheme, host and port only, such as https://slides.example.com.</span>}
        </fieldset>
      </div>
      {waiting ? <p className="muted">Making the link…</p> : <>
        <CopyField label="Link" value={url} />
        <CopyField label="Iframe snippet" value={iframeSnippet(url, 'SnapLab', Number(height) > 0 ? Number(height) : 520)} multiline />
        <p><a href={url} target="_blank" rel="noopener">Open this embed in a new tab</a></p>
      </>}
    </Dialog>
  );
}
