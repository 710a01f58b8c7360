// Windows' own file dialogs: the common item dialog (IFileOpenDialog,
// IFileSaveDialog), owned by RoleFit's window so it stays on top of it.
#include <windows.h>
#include <shobjidl.h>

#include <cstdlib>
#include <filesystem>

#include "rolefit/platform/dialogs.hpp"
#include "utf16_windows.hpp"

namespace rolefit::platform {
namespace {

template <typename T>
struct Released {
  T* object = nullptr;
  ~Released() {
    if (object) object->Release();
  }
};

// "*.json *.rfs" as the dialog's "*.json;*.rfs".
std::wstring filterSpec(const std::string& patterns) {
  std::wstring spec = wideFromUtf8(patterns);
  for (auto& c : spec)
    if (c == L' ') c = L';';
  return spec;
}

void startIn(IFileDialog& dialog, const std::filesystem::path& folder) {
  if (folder.empty() || !std::filesystem::is_directory(folder)) return;
  Released<IShellItem> item;
  if (SUCCEEDED(SHCreateItemFromParsingName(folder.c_str(), nullptr, IID_PPV_ARGS(&item.object))))
    dialog.SetFolder(item.object);
}

FileDialogResult show(FileDialogKind kind, const std::string& title, const std::string& suggestion,
                      const std::string& filterName, const std::string& patterns) {
  FileDialogResult result;
  Released<IFileDialog> dialog;
  const HRESULT made = CoCreateInstance(kind == FileDialogKind::Open ? CLSID_FileOpenDialog : CLSID_FileSaveDialog,
                                        nullptr, CLSCTX_INPROC_SERVER, IID_PPV_ARGS(&dialog.object));
  if (FAILED(made)) return result;
  result.available = true;

  dialog.object->SetTitle(wideFromUtf8(title).c_str());
  const std::wstring name = wideFromUtf8(filterName), spec = filterSpec(patterns);
  const COMDLG_FILTERSPEC filters[] = {{name.c_str(), spec.c_str()}, {L"All files", L"*.*"}};
  if (patterns.empty()) dialog.object->SetFileTypes(1, filters + 1);
  else dialog.object->SetFileTypes(2, filters);
  DWORD options = 0;
  dialog.object->GetOptions(&options);
  options |= FOS_FORCEFILESYSTEM | FOS_PATHMUSTEXIST;
  options |= kind == FileDialogKind::Open ? FOS_FILEMUSTEXIST : FOS_OVERWRITEPROMPT;
  dialog.object->SetOptions(options);

  // Open: a path to start from; Save: a file name (or a path) to offer.
  const std::filesystem::path suggested(std::u8string(suggestion.begin(), suggestion.end()));
  startIn(*dialog.object, suggested.parent_path());
  if (kind == FileDialogKind::Save) {
    dialog.object->SetFileName(suggested.filename().c_str());
    // A name typed without one gets the first pattern's extension ("*.json").
    const auto dot = patterns.find("*.");
    if (dot != std::string::npos) {
      const auto end = patterns.find(' ', dot);
      dialog.object->SetDefaultExtension(wideFromUtf8(patterns.substr(dot + 2, end - dot - 2)).c_str());
    }
  }

  if (FAILED(dialog.object->Show(GetActiveWindow()))) return result;  // cancelled (or closed)
  Released<IShellItem> chosen;
  if (FAILED(dialog.object->GetResult(&chosen.object))) return result;
  PWSTR path = nullptr;
  if (SUCCEEDED(chosen.object->GetDisplayName(SIGDN_FILESYSPATH, &path))) {
    result.path = utf8FromWide(path);
    CoTaskMemFree(path);
  }
  return result;
}

}  // namespace

FileDialogResult fileDialog(FileDialogKind kind, const std::string& title, const std::string& suggestion,
                            const std::string& filterName, const std::string& patterns) {
  if (std::getenv("ROLEFIT_NO_NATIVE_DIALOGS")) return {};
  const HRESULT com = CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE);
  FileDialogResult result = show(kind, title, suggestion, filterName, patterns);
  if (SUCCEEDED(com)) CoUninitialize();
  return result;
}

}  // namespace rolefit::platform
