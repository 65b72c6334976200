// The standard SCORM 1.2 API discovery: the LMS puts an object named `API` on a window above the
// content. Look in this window and its parents (at most 7 levels, as ADL's sample does), then in the
// opener's chain. A parent from another origin throws on access: that is "not found there".
export interface Scorm12Api {
  LMSInitialize(arg: ''): unknown;
  LMSFinish(arg: ''): unknown;
  LMSGetValue(element: string): unknown;
  LMSSetValue(element: string, value: string): unknown;
  LMSCommit(arg: ''): unknown;
  LMSGetLastError(): unknown;
  LMSGetErrorString(code: string): unknown;
}

export interface WindowLike { API?: unknown; parent: WindowLike | null; opener?: WindowLike | null }

const MAX_PARENTS = 7;

function apiOf(win: WindowLike): Scorm12Api | null {
  try {
    const api = win.API as Partial<Scorm12Api> | null | undefined;
    return api && typeof api.LMSInitialize === 'function' && typeof api.LMSSetValue === 'function' ? (api as Scorm12Api) : null;
  } catch {
    return null; // another origin
  }
}

function searchUp(start: WindowLike): Scorm12Api | null {
  let win: WindowLike = start;
  for (let level = 0; ; level++) {
    const api = apiOf(win);
    if (api) return api;
    let parent: WindowLike | null;
    try { parent = win.parent; } catch { return null; }
    if (!parent || parent === win || level >= MAX_PARENTS) return null;
    win = parent;
  }
}

export function findScormApi(win: WindowLike): Scorm12Api | null {
  const found = searchUp(win);
  if (found) return found;
  let opener: WindowLike | null | undefined;
  try { opener = win.opener; } catch { opener = null; }
  return opener ? searchUp(opener) : null;
}
