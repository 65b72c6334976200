// Which learning platform launched this page, decided before the lab starts: a course package's
// address says lms=scorm12 or lms=cmi5. Without the platform's API (SCORM) or launch parameters (cmi5)
// the page says so and works as the ordinary lab.
import { reportProblem } from '../embed/pageOptions';
import type { UrlOptions } from '../embed/urlOptions';
import { Cmi5Reporter } from './cmi5/cmi5Reporter';
import { readCmi5Launch } from './cmi5/launch';
import { setLmsStatus } from './lmsStatus';
import type { LmsReporter } from './reporter';
import { findScormApi, type WindowLike } from './scorm12/findApi';
import { Scorm12Reporter } from './scorm12/scormReporter';

export function connectLms(o: UrlOptions, win: Window = window): LmsReporter | null {
  const lms = reporterFor(o, win);
  // Connecting from the first paint: until the platform gives back the learner's lab, no lab is shown.
  if (lms) setLmsStatus({ kind: lms.kind, state: 'connecting' });
  return lms;
}

function reporterFor(o: UrlOptions, win: Window): LmsReporter | null {
  if (!o.lms) return null;
  if (!o.lesson) {
    reportProblem(`lms=${o.lms} was ignored: a course package opens one lesson (lesson=<id>), and there is none in this address.`);
    return null;
  }
  if (o.lms === 'scorm12') {
    const api = findScormApi(win as unknown as WindowLike);
    if (api) return new Scorm12Reporter(api, o.lesson);
    reportProblem('No learning platform was found (no SCORM API in a parent or opener window), so your progress is kept in this browser only.');
    return null;
  }
  const launch = readCmi5Launch(win.location.search);
  if (launch.ok) return new Cmi5Reporter(launch.launch, o.lesson);
  reportProblem(`${launch.message} Your progress is kept in this browser only.`);
  return null;
}
