#!/usr/bin/env bash
# The determinism check in every configuration (docs/determinism.md): builds the workload for each, runs it,
# prints a table of configuration × total hash, and exits 1 if a required configuration's hashes differ from
# golden.txt, or if its switch did not take effect (each run prints what it ran on; the line expected is below).
# Usage: tools/Backprop.DeterminismCheck/run-all.sh [output folder, default artifacts/determinism]
# Needs the .NET 10 SDK, mono, and qemu-aarch64-static with the arm64 C libraries (.ci/run installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mkdir -p "${1:-$root/artifacts/determinism}" && cd "${1:-$root/artifacts/determinism}" && pwd)
golden=$here/golden.txt
standard=$root/tools/Backprop.DeterminismCheck.Standard
start=$SECONDS

build() {
  local began=$SECONDS
  dotnet "$@" -nologo > "$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
  echo "dotnet $*: $((SECONDS - began)) s"
}

# One build per library build and code generator; the JIT switches below reuse the first.
build build -c Release "$here" -o "$out/jit"
build build -c Release "$standard"
# NativeAOT through this project's own property: -p:PublishAot=true would reach the netstandard2.0 projects (NETSDK1207).
build publish "$here" -c Release -r linux-x64 -p:BackpropAot=true -warnaserror -o "$out/aot"
# A self-contained Arm64 build (the runtime pack comes from NuGet), run under user-mode QEMU.
build publish "$here" -c Release -r linux-arm64 --self-contained -o "$out/arm64"
echo "builds: $((SECONDS - start)) s"

jit=(dotnet "$out/jit/Backprop.DeterminismCheck.dll")
std=(dotnet "$standard/bin/Release/net10.0/Backprop.DeterminismCheck.Standard.dll")
mono=(mono "$standard/bin/Release/net472/Backprop.DeterminismCheck.Standard.exe")
aot=("$out/aot/Backprop.DeterminismCheck")
arm64=(env DOTNET_EnableWriteXorExecute=0 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 qemu-aarch64-static "$out/arm64/Backprop.DeterminismCheck")

# name, required or measured, a line the run must print (the proof that its switch took effect), command.
# Adding a configuration is one line.
variants=(
  "jit|required|# library build: Backprop.Abstractions for .NETCoreApp,Version=v8.0|${jit[*]}"
  "jit-no-avx512|required|# accelerated: Vector512 no, Vector256 yes|env DOTNET_EnableAVX512=0 ${jit[*]}"
  "jit-sse|required|# accelerated: Vector512 no, Vector256 no, Vector128 yes|env DOTNET_EnableAVX=0 DOTNET_EnableAVX2=0 ${jit[*]}"
  "jit-scalar|required|# accelerated: Vector512 no, Vector256 no, Vector128 no, Vector<T> no|env DOTNET_EnableHWIntrinsic=0 ${jit[*]}"
  "jit-full-opts|required|# switches: DOTNET_TieredCompilation=0|env DOTNET_TieredCompilation=0 ${jit[*]}"
  "jit-no-pgo|required|# switches: DOTNET_TieredPGO=0|env DOTNET_TieredPGO=0 ${jit[*]}"
  "jit-no-quick-loops|required|# switches: DOTNET_TC_QuickJitForLoops=0|env DOTNET_TC_QuickJitForLoops=0 ${jit[*]}"
  "nativeaot|required|# NativeAOT: yes|${aot[*]}"
  "linux-arm64|required|# architecture: Arm64|${arm64[*]}"
  "netstandard|required|# library build: Backprop.Abstractions for .NETStandard,Version=v2.0|${std[*]}"
  "netstandard-sse|required|# accelerated: Vector512 no, Vector256 no, Vector128 yes, Vector<T> yes (Vector<float>.Count 4)|env DOTNET_EnableAVX=0 DOTNET_EnableAVX2=0 ${std[*]}"
  "netstandard-scalar|required|# accelerated: Vector512 no, Vector256 no, Vector128 no, Vector<T> no|env DOTNET_EnableHWIntrinsic=0 ${std[*]}"
  "mono|required|# runtime: Mono |${mono[*]}"
)

failed=0
table=()
for variant in "${variants[@]}"; do
  IFS='|' read -r name need expect command <<< "$variant"
  log="$out/$name.txt"
  echo "run: $name"
  set +e
  # The command is a fixed string of this script, split on spaces on purpose (no path here has a space).
  # shellcheck disable=SC2086
  $command --stages --golden "$golden" > "$log" 2>&1
  code=$?
  set -e
  total=$(sed -n 's/^total //p' "$log")
  if ! grep -qF -- "$expect" "$log"; then
    result="SWITCH NOT APPLIED (no line '$expect')"
  elif [ "$code" = 0 ]; then
    result="matches golden"
  elif [ "$code" = 1 ]; then
    result="$(grep -c '^differs from' "$log") hash(es) differ"
  else
    result="FAILED (exit $code): see $log"
  fi
  if [ "$result" != "matches golden" ] && [ "$need" = required ]; then
    failed=1
  fi
  table+=("$(printf '%-20s %-9s %-17s %s' "$name" "$need" "${total:-none}" "$result")")
done

echo "Determinism check, $((SECONDS - start)) s; golden file $golden; outputs in $out"
printf '%-20s %-9s %-17s %s\n' configuration need total result
printf '%s\n' "${table[@]}"

# Where a configuration differs from the golden file: each network that differs, with the first stage whose hash
# differs from the default JIT run's (where the bits first part; every later stage inherits the difference).
for variant in "${variants[@]}"; do
  IFS='|' read -r name _ <<< "$variant"
  if grep -q '^differs from' "$out/$name.txt"; then
    echo "$name differs from golden:" $(sed -n 's/^differs from [^:]*: \([^:]*\):.*/\1/p' "$out/$name.txt")
    awk '/^# [A-Za-z0-9]+\.[a-z-]+ [0-9a-f]+$/ {
           split($2, part, ".")
           if (FNR == NR) { reference[$2] = $3; next }
           if (reference[$2] != $3 && !(part[1] in first)) { first[part[1]] = part[2]; order[++count] = part[1] }
         }
         END { line = ""; for (i = 1; i <= count; i++) line = line " " order[i] " (" first[order[i]] ")"
               if (count > 0) print "  first stage that differs from jit:" line }' \
      "$out/jit.txt" "$out/$name.txt"
  fi
done

exit $failed
