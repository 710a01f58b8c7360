// Touch, as Dear ImGui understands it: a finger is the mouse. Emscripten
// 3.1.6's GLFW mishandles touch (emscripten#20804: a touch never moves the
// cursor, so a tap presses where the last one was, and the browser's own
// compatibility mouse events make one tap count twice). Here each touch of
// the first finger becomes the mouse events of the same place, sent to the
// canvas before GLFW's listeners see anything else, and the browser's
// emulated ones are suppressed. While a finger is down, Module.rolefitFinger
// says so: a drag then scrolls (platform/src/drag_scroll.cpp).
(function () {
  var canvas = null, finger = null;
  function send(type, touch) {
    canvas.dispatchEvent(new MouseEvent(type, {
      bubbles: true, cancelable: true, view: window, button: 0, buttons: type === 'mouseup' ? 0 : 1,
      clientX: touch.clientX, clientY: touch.clientY, screenX: touch.screenX, screenY: touch.screenY,
    }));
  }
  function follow(event) {
    for (var i = 0; i < event.changedTouches.length; ++i) {
      var touch = event.changedTouches[i];
      if (event.type === 'touchstart' && finger === null) {
        finger = touch.identifier;
        Module.rolefitFinger = true;
        send('mousemove', touch);  // first where it lands: the press is there
        send('mousedown', touch);
      } else if (touch.identifier === finger) {
        if (event.type === 'touchmove') {
          send('mousemove', touch);
        } else {
          send('mousemove', touch);
          send('mouseup', touch);
          finger = null;
          Module.rolefitFinger = false;
          Module.rolefitTouchesEnded = (Module.rolefitTouchesEnded || 0) + 1;
          // Still inside the tap: a text field it activated may take the
          // keyboard now, which a phone allows only here (keyboard.js).
          if (Module.rolefitTapEnded) Module.rolefitTapEnded();
        }
      }
    }
    event.preventDefault();  // no emulated mouse events, no page zoom or scroll
    event.stopImmediatePropagation();
  }
  Module.preRun = Module.preRun || [];
  Module.preRun.push(function () {
    canvas = Module.canvas;
    ['touchstart', 'touchmove', 'touchend', 'touchcancel'].forEach(function (type) {
      canvas.addEventListener(type, follow, {capture: true, passive: false});
    });
  });
})();
