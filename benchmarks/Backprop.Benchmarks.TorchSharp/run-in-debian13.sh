#!/usr/bin/env bash
# Runs the TorchSharp suite in a Debian 13 root, for machines whose libstdc++ is older than GCC 13's (Debian 12,
# Ubuntu 22.04): TorchSharp's glue library asks for GLIBCXX_3.4.32, which Debian 13's libstdc++ has. Nothing is
# patched: the suite is built here with this machine's SDK and package feed, then run by the same dotnet inside
# the root, where every native library (glibc, libstdc++, libtorch's dependencies) is Debian 13's own.
#
#   benchmarks/Backprop.Benchmarks.TorchSharp/run-in-debian13.sh --check --require-peer
#   benchmarks/Backprop.Benchmarks.TorchSharp/run-in-debian13.sh --filter '*'
#
# The arguments go to the suite (Program.cs). Needs root (debootstrap, mount, chroot). The root is made once, by
# debootstrap (installed from Debian's packages if missing; about 30 s and 200 MB), in ~/.cache/backprop/debian13,
# or where BACKPROP_DEBIAN13_ROOT says (outside the repository: MSBuild would search it for the project's items); the repository and the .NET installation are bind-mounted into it at their
# own paths for the run, and unmounted after.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
root=${BACKPROP_DEBIAN13_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/backprop/debian13}
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
sudo=$([ "$(id -u)" = 0 ] || echo sudo)

if ! command -v debootstrap > /dev/null; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq debootstrap > /dev/null
fi

if [ ! -e "$root/etc/debian_version" ]; then
  $sudo mkdir -p "$root"
  $sudo debootstrap --variant=minbase --include=libstdc++6 trixie "$root" http://deb.debian.org/debian > "$root.log"
fi

dotnet build -c Release "$here" --nologo -v quiet

mounted=()
unmount() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    $sudo umount "${mounted[i]}" || true
  done
}
trap unmount EXIT

bind() {
  $sudo mkdir -p "$root$2"
  $sudo mount "${@:3}" "$1" "$root$2"
  mounted+=("$root$2")
}
bind proc /proc -t proc
bind /dev /dev --bind
bind "$dotnet_root" "$dotnet_root" --bind
bind "$repo" "$repo" --bind

# -i: only what the run needs, and the caller's DOTNET_ settings (DOTNET_TieredPGO=0, say); no ICU in the root, so
# globalization is invariant.
mapfile -t settings < <(env | grep '^DOTNET_' || true)
$sudo chroot "$root" /usr/bin/env -i \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM="${TERM:-dumb}" \
  DOTNET_ROOT="$dotnet_root" DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
  "${settings[@]}" \
  /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$repo" \
  "$dotnet_root/dotnet" "$here/bin/Release/net10.0/Backprop.Benchmarks.TorchSharp.dll" "$@"
