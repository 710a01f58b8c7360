#!/usr/bin/env bash
# Fetches the C and C++ sources that the browser and Windows builds compile
# themselves (Debian ships these libraries only as native binaries): Debian
# source packages, from the same release as the desktop build. Fetched once
# into a per-user cache and unpacked there; later runs, and other clones,
# reuse them.
#   bash cmake/sources.sh PACKAGE...   prints the folder holding the unpacked sources
# The browser build needs imgui sqlite3 sqlitecpp libcsv zlib; the Windows
# build those and glfw3 (fmt is header-only there, from libfmt-dev).
set -euo pipefail

cache="${ROLEFIT_SOURCES:-${XDG_CACHE_HOME:-$HOME/.cache}/rolefit/sources}"
packages=("$@")
((${#packages[@]} > 0)) || { echo "usage: bash cmake/sources.sh PACKAGE..." >&2; exit 2; }
# Each package's folder once unpacked: the upstream tarball's top folder, renamed.
mkdir -p "$cache"
missing=()
for pkg in "${packages[@]}"; do
  [[ -f "$cache/$pkg/.unpacked" ]] || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
  echo "$cache"
  exit 0
fi

# apt with a private list of source repositories: the system's own entries
# (deb.debian.org), as deb-src, nothing else changed on the machine.
apt_dir="$cache/.apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/sources.list.d" "$apt_dir/archives/partial"
system_sources=/etc/apt/sources.list.d/debian.sources
if [[ -f "$system_sources" ]]; then
  sed 's/^Types: deb$/Types: deb-src/' "$system_sources" >"$apt_dir/sources.list.d/debian.sources"
else
  grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' >"$apt_dir/sources.list.d/debian.list"
fi
apt_options=(-o "Dir::Etc::SourceParts=$apt_dir/sources.list.d" -o Dir::Etc::SourceList=/dev/null
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::Archives=$apt_dir/archives"
  -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
echo "sources: fetching ${missing[*]} (once; kept in $cache)" >&2
apt-get "${apt_options[@]}" -qq update >&2
for pkg in "${missing[@]}"; do
  work="$cache/.download-$pkg"
  rm -rf "$work" "$cache/$pkg"
  mkdir -p "$work"
  # The newest version first; when a mirror lacks it (a security update not
  # mirrored), the release's own.
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  (cd "$work" && { apt-get "${apt_options[@]}" -qq source --download-only "$pkg" >&2 2>/dev/null ||
    { rm -f ./*; apt-get "${apt_options[@]}" -qq source --download-only "$pkg/$codename" >&2; }; })
  orig=$(find "$work" -maxdepth 1 -name '*.orig.tar.*' | head -n 1)
  [[ -n "$orig" ]] || { echo "sources: no upstream tarball for $pkg" >&2; exit 1; }
  mkdir -p "$work/unpacked"
  tar -xf "$orig" -C "$work/unpacked"
  top=$(find "$work/unpacked" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  [[ -n "$top" ]] || top="$work/unpacked"
  mv "$top" "$cache/$pkg"
  if [[ "$pkg" == sqlite3 ]]; then
    # SQLite's source tree, as released, builds its one-file amalgamation
    # (sqlite3.c) with tclsh: that file is what the cross-builds compile.
    (mkdir -p "$cache/sqlite3/bld" && cd "$cache/sqlite3/bld" &&
      ../configure --quiet >/dev/null && make -s sqlite3.c >/dev/null) >&2
  fi
  touch "$cache/$pkg/.unpacked"
  rm -rf "$work"
done
echo "$cache"
