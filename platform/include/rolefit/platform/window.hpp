// The native window: GLFW with an OpenGL 3 context, and Dear ImGui's GLFW and
// OpenGL 3 backends bound to the current ImGui context. The browser build has
// its own implementation (window_web.cpp: a canvas, WebGL 2); the callers are
// the same.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace rolefit::platform {

struct WindowGeometry {
  int x = -1, y = -1;  // -1: let the window manager place it
  int width = 1280, height = 800;
  bool maximized = false;
};

struct WindowOptions {
  std::string title = "RoleFit";
  WindowGeometry geometry;
  bool visible = true;  // false for off-screen rendering
};

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // top row first
};

class Window {
 public:
  // Needs a current ImGui context. Throws std::runtime_error when no display
  // or no OpenGL 3 context can be had.
  static std::unique_ptr<Window> create(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  bool closeRequested() const;
  void setCloseRequested(bool requested);

  // Sleeps until input or a window event arrives, or the timeout passes.
  // Returns how many events arrived since the last call.
  std::uint64_t waitEvents(double timeoutSeconds);
  // Ends a waitEvents early; may be called from any thread.
  static void wake();

  void fontsChanged();                        // after rebuilding the font atlas
  void beginFrame();                          // backends' NewFrame
  void render(float r, float g, float b);     // ImGui draw data to the back buffer
  Image readBackBuffer() const;               // after render(), before present()
  void present();

  float contentScale() const;
  WindowGeometry geometry() const;
  std::vector<std::string> takeDroppedPaths();

  struct Impl;  // opaque: the system's window

 private:
  explicit Window(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Runs `frame` until it returns false. On the desktop a plain loop (a frame
// sleeps in Window::waitEvents until there is work); in a browser, once per
// animation frame from the browser's event loop: the call then never
// returns, and what `frame` uses must live on the heap.
void runFrames(std::function<bool()> frame);

}  // namespace rolefit::platform
