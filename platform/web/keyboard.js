// Keys, text, wheel and clipboard, as Dear ImGui needs them in a page.
//
// Text. A phone opens its on-screen keyboard only for a real text element
// focused inside a tap, so while the app has a text field active
// (Module.rolefitTextField, told every frame by window_web.cpp) a hidden
// textarea holds the focus. What is typed into it (by a keyboard, the
// on-screen one, an input method or a paste) is read back as the difference
// to what it held before, and queued for the app: text, or the keys
// Backspace, Delete and Enter that a soft keyboard sends as edits (Android's
// keys arrive as keyCode 229, with no key to read). Emscripten 3.1.6's GLFW
// listens on the window in the capture phase and would see the same typing
// as key presses: for the textarea, it keeps the keys Dear ImGui acts on
// (arrows, Enter, Backspace, shortcuts) and loses the characters.
//
// Wheel. The same GLFW hands on the browser's raw deltas (a notch is about
// 100 pixels, with the opposite sign: emscripten#6584); here a notch is one
// step, as on the desktop.
//
// Clipboard. GLFW's clipboard is empty in 3.1.6. Copy and cut go to the
// browser's clipboard (web_input.cpp); a paste arrives as the browser's
// paste event, and the app pastes its text as Dear ImGui pastes.
(function () {
  var SENTINEL = '\u00a0\u00a0';  // what the textarea holds between edits: a soft keyboard's Backspace needs something to delete
  var field = null;
  var before = SENTINEL;
  var composing = false;
  Module.rolefitTyped = [];  // {text}, {key: 'Backspace' | 'Delete' | 'Enter'} or {pasted}, taken by the app each frame
  Module.rolefitWheel = {x: 0, y: 0};
  Module.rolefitWantsText = false;

  function reset() {
    field.value = SENTINEL;
    field.setSelectionRange(SENTINEL.length, SENTINEL.length);
    before = SENTINEL;
  }

  function typed(text) {
    var lines = text.replace(/\r\n?/g, '\n').split('\n');
    lines.forEach(function (line, i) {
      if (i > 0) Module.rolefitTyped.push({key: 'Enter'});
      if (line) Module.rolefitTyped.push({text: line});
    });
  }

  // What changed between the textarea's last value and this one, as edits.
  function readEdits() {
    var now = field.value;
    var common = 0;
    while (common < before.length && common < now.length && before[common] === now[common]) ++common;
    for (var gone = before.length - common; gone > 0; --gone) Module.rolefitTyped.push({key: 'Backspace'});
    if (now.length > common) typed(now.slice(common));
    before = now;
    if (!composing) reset();
  }

  function create() {
    field = document.createElement('textarea');
    field.id = 'rolefit-keyboard';
    field.setAttribute('aria-hidden', 'true');
    field.setAttribute('autocomplete', 'off');
    field.setAttribute('autocorrect', 'off');
    field.setAttribute('autocapitalize', 'off');
    field.setAttribute('spellcheck', 'false');
    // Out of sight but focusable; 16px so that iOS does not zoom the page.
    field.style.cssText = 'position:fixed;left:0;bottom:0;width:1px;height:1px;opacity:0;border:0;padding:0;' +
                          'font-size:16px;resize:none;overflow:hidden;caret-color:transparent;';
    document.body.appendChild(field);
    field.addEventListener('compositionstart', function () { composing = true; });
    field.addEventListener('compositionend', function () { composing = false; readEdits(); });
    field.addEventListener('input', function (event) {
      if (event.inputType === 'deleteContentForward') {  // Delete with nothing after the caret changes nothing
        Module.rolefitTyped.push({key: 'Delete'});
        reset();
        return;
      }
      readEdits();
    });
    field.addEventListener('paste', function (event) {
      event.preventDefault();
      var text = (event.clipboardData && event.clipboardData.getData('text/plain')) || '';
      if (text) Module.rolefitTyped.push({pasted: text});
    });
    reset();
  }

  function focusField() {
    if (!field) create();
    if (document.activeElement !== field) {
      field.focus({preventScroll: true});
      reset();
    }
  }

  // From the frame: is a text field active? Focus follows it. A tap that
  // activates a field also focuses it from inside the tap (touch.js calls
  // Module.rolefitTapEnded): phones open their keyboard only then.
  Module.rolefitTextField = function (active) {
    active = !!active;
    if (active === Module.rolefitWantsText) return;
    Module.rolefitWantsText = active;
    if (active) {
      focusField();
    } else if (field && document.activeElement === field) {
      field.blur();
      Module.canvas.focus({preventScroll: true});
    }
  };
  Module.rolefitTapEnded = function () { if (Module.rolefitWantsText) focusField(); };

  function intoField(event) { return field !== null && event.target === field; }
  function keydown(event) {
    if (!intoField(event)) return;
    // An input method's key, or a dead key (an accent waiting for its
    // letter): the text comes as input.
    if (event.keyCode === 229 || event.isComposing || event.key === 'Dead' || event.key === 'Process' ||
        event.key === 'Unidentified') {
      event.stopImmediatePropagation();
      return;
    }
    // AltGr (Ctrl+Alt to a browser on Windows) and a Mac's Option type
    // characters ("@" on a German keyboard): only Ctrl or Cmd make a shortcut.
    var shortcut = (event.ctrlKey || event.metaKey) && !event.getModifierState('AltGraph');
    if (shortcut && (event.key === 'v' || event.key === 'V')) {
      event.stopImmediatePropagation();  // the browser's paste event brings the text
      return;
    }
    // A character: the textarea takes it (and GLFW notes the key, as on the
    // desktop). Anything else is Dear ImGui's alone (GLFW passes it on).
    if (event.key.length !== 1 || shortcut) event.preventDefault();
  }
  function keypress(event) { if (intoField(event)) event.stopImmediatePropagation(); }
  function keyup(event) { if (intoField(event) && event.keyCode === 229) event.stopImmediatePropagation(); }

  function wheel(event) {
    var step = event.deltaMode === 1 ? 3 : event.deltaMode === 2 ? 1 / 8 : 100;  // lines, pages, pixels per notch
    Module.rolefitWheel.x -= event.deltaX / step;
    Module.rolefitWheel.y -= event.deltaY / step;
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  Module.preRun = Module.preRun || [];
  Module.preRun.push(function () {
    // Registered before GLFW's own listeners (glfwInit, in main): these run first.
    window.addEventListener('keydown', keydown, true);
    window.addEventListener('keypress', keypress, true);
    window.addEventListener('keyup', keyup, true);
    Module.canvas.addEventListener('wheel', wheel, {capture: true, passive: false});
  });
})();
