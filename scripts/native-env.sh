# Sourced by scripts/test.sh --native: finds a GraalVM/Mandrel 25 for the native build.
# Order: GRAALVM_HOME if set, native-image on PATH, then (CI sandboxes without a distribution) the
# environment's stand-in toolchain in ../shared/tools/native-image, which is not part of this project.
if [ -z "${GRAALVM_HOME:-}" ]; then
  if command -v native-image >/dev/null 2>&1; then
    GRAALVM_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v native-image)")")")
  elif [ -f ../shared/tools/native-image/setup.sh ]; then
    echo "[native] no GraalVM found: using the environment's stand-in from ../shared/tools/native-image" >&2
    GRAALVM_HOME=$(bash ../shared/tools/native-image/setup.sh | tail -1)
  else
    echo "[native] install Mandrel or GraalVM 25 and set GRAALVM_HOME (or build in a container:" \
         "./mvnw package -Dnative -Dquarkus.native.container-build=true)" >&2
    exit 1
  fi
fi
export GRAALVM_HOME
