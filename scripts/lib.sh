#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Shared by scripts/demo, scripts/test and scripts/bench: install the missing Debian packages,
# then configure and build Paraat out of source with Ninja (and ccache when present).
set -euo pipefail

PARAAT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PARAAT_BUILD_DIR=${PARAAT_BUILD_DIR:-$PARAAT_ROOT/build}
PARAAT_BUILD_TYPE=${PARAAT_BUILD_TYPE:-Release}
# Extra CMake options, e.g. PARAAT_CMAKE_ARGS="-DPARAAT_BUILD_BENCH=ON": used when the build
# tree is configured, and applied to an existing one.
PARAAT_CMAKE_ARGS=${PARAAT_CMAKE_ARGS:-}

# Every build and test dependency, all from Debian 12.
PARAAT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-l10n-tools qt6-tools-dev
  qt6-tools-dev-tools qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite libgl-dev libegl-dev
  libvulkan-dev libxkbcommon-dev
  libsqlite3-dev sqlite3 libgtest-dev libgmock-dev libbenchmark-dev libssl-dev libsodium-dev
  coinor-libcbc-dev coinor-libclp-dev tzdata
  xvfb xauth python3 python3-grpcio python3-icalendar
)

paraat_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

paraat_install_packages() {
  local missing=()
  local p
  for p in "${PARAAT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  paraat_log "installing ${#missing[@]} missing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "error: these Debian packages are missing and I am neither root nor have sudo:" >&2
      echo "  ${missing[*]}" >&2
      exit 1
    fi
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

paraat_build() {
  local targets=("$@")
  local extra=()
  read -r -a extra <<<"$PARAAT_CMAKE_ARGS"
  if [ ! -f "$PARAAT_BUILD_DIR/build.ninja" ]; then
    paraat_log "configuring ($PARAAT_BUILD_TYPE) in $PARAAT_BUILD_DIR"
    cmake -S "$PARAAT_ROOT" -B "$PARAAT_BUILD_DIR" -G Ninja \
      -DCMAKE_BUILD_TYPE="$PARAAT_BUILD_TYPE" "${extra[@]}" >/dev/null
  elif [ ${#extra[@]} -gt 0 ]; then
    cmake -S "$PARAAT_ROOT" -B "$PARAAT_BUILD_DIR" "${extra[@]}" >/dev/null
  fi
  paraat_log "building${targets:+ ${targets[*]}}"
  cmake --build "$PARAAT_BUILD_DIR" ${targets:+--target "${targets[@]}"} -- -j"$(nproc)"
}
