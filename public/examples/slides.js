/* global document, location, window, URL, URLSearchParams, HTMLIFrameElement */
// The example deck's script: points each <iframe> at SnapLab with this page as parentOrigin, sends the
// buttons' requests with postMessage, and logs what the lab answers and announces.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  // The lab next to this file (../index.html), or the one named by ?lab=.
  var labUrl = new URL(params.get('lab') || '../index.html', location.href);
  var labOrigin = labUrl.origin;
  var nextId = 1;
  var pending = {};

  document.querySelectorAll('iframe[data-panels]').forEach(function (frame) {
    var u = new URL(labUrl.href);
    u.searchParams.set('embed', '1');
    u.searchParams.set('panels', frame.dataset.panels);
    if (frame.dataset.vm) u.searchParams.set('vm', frame.dataset.vm);
    if (frame.dataset.seed) u.searchParams.set('seed', frame.dataset.seed);
    if (frame.dataset.speed) u.searchParams.set('speed', frame.dataset.speed);
    u.searchParams.set('parentOrigin', location.origin);
    frame.src = u.href;
  });

  function log(frameId, text) {
    var out = document.getElementById(frameId + '-log');
    if (out) out.textContent = text + '\n' + out.textContent;
  }

  function frameOf(source) {
    var frames = document.querySelectorAll('iframe[data-panels]');
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === source) return frames[i];
    return null;
  }

  // Only the lab's origin is listened to, just as the lab listens only to ours.
  window.addEventListener('message', function (ev) {
    if (ev.origin !== labOrigin || !ev.data || ev.data.snaplab !== 1) return;
    var frame = frameOf(ev.source);
    if (!frame) return;
    var m = ev.data;
    if (m.event) {
      log(frame.id, 'event ' + m.event + (m.event === 'resize' ? ' ' + m.width + 'x' + m.height : m.event === 'objective' ? ' ' + m.objective.text : ''));
      return;
    }
    var what = pending[m.id] || '?';
    delete pending[m.id];
    if (m.error) log(frame.id, what + ': error ' + m.error.code + ': ' + m.error.message);
    else if (what === 'state') log(frame.id, 'state: simulated time ' + Math.round(m.result.time / 1000) + ' s, ' + m.result.tasks.length + ' tasks');
    else log(frame.id, what + ': ' + JSON.stringify(m.result));
  });

  document.querySelectorAll('button[data-lab]').forEach(function (button) {
    button.addEventListener('click', function () {
      var frame = document.getElementById(button.dataset.lab);
      var id = nextId++;
      pending[id] = button.dataset.method;
      var message = { snaplab: 1, id: id, method: button.dataset.method };
      if (button.dataset.params) message.params = JSON.parse(button.dataset.params);
      frame.contentWindow.postMessage(message, labOrigin);
    });
  });

  var slides = document.querySelectorAll('.slide');
  var current = 0;
  function show(i) {
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, j) { s.classList.toggle('current', j === current); });
  }
  document.getElementById('prev').addEventListener('click', function () { show(current - 1); });
  document.getElementById('next').addEventListener('click', function () { show(current + 1); });
  document.addEventListener('keydown', function (e) {
    if (e.target instanceof HTMLIFrameElement) return;
    if (e.key === 'ArrowRight' || e.key === 'PageDown') show(current + 1);
    if (e.key === 'ArrowLeft' || e.key === 'PageUp') show(current - 1);
  });
  window.snaplabDeck = { show: show };
})();
