// Where the app's data is kept beyond the files it writes. On the desktop
// the database file is the storage and there is nothing to say; in a browser
// the file lives in memory and is copied to IndexedDB after each write
// (platform/web/pre.js), and the app says whether that copy is done.
#pragma once
#include <string>

namespace rolefit::platform {

// A short line for the status bar ("Saved in this browser", "Saving…");
// empty where there is nothing to say.
std::string storageNote();

// A file the app has just written for the user (an export, a report): in a
// browser it is handed over as a download, or to the share sheet where the
// browser offers one. Nothing to do on the desktop.
void fileWritten(const std::string& path);

}  // namespace rolefit::platform
