// A mock SCORM 1.2 LMS page: window.API keeps the data model and records every call; the lesson runs
// in a frame, and every message the frame posts up is kept too (the H5P resize messages).
export const MOCK_SCORM_LMS = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mock LMS</title></head>
<body>
<main><h1>Mock LMS</h1></main>
<script>
  const initial = JSON.parse(decodeURIComponent(location.hash.slice(1) || '%7B%7D'));
  window.scormData = Object.assign({ 'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'ab-initio' }, initial);
  window.scormCalls = [];
  window.frameMessages = [];
  const ok = (name, ...args) => { window.scormCalls.push([name, ...args]); return 'true'; };
  window.API = {
    LMSInitialize: (a) => ok('LMSInitialize'),
    LMSFinish: (a) => ok('LMSFinish'),
    LMSGetValue: (e) => { window.scormCalls.push(['LMSGetValue', e]); return window.scormData[e] ?? ''; },
    LMSSetValue: (e, v) => { window.scormData[e] = String(v); return ok('LMSSetValue', e, String(v)); },
    LMSCommit: (a) => ok('LMSCommit'),
    LMSGetLastError: () => '0',
    LMSGetErrorString: () => '',
    LMSGetDiagnostic: () => '',
  };
  addEventListener('message', (e) => window.frameMessages.push(e.data));
  const frame = document.createElement('iframe');
  frame.title = 'Lesson';
  frame.style.width = '1200px';
  frame.style.height = '800px';
  frame.src = 'course/' + (new URLSearchParams(location.search).get('launch') || '');
  document.querySelector('main').append(frame);
</script>
</body></html>`;
