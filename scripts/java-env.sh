# Sourced by the scripts: picks a JDK 25 when the default java is older (Post Stride targets Java 25).
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
current_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$current_java" >/dev/null 2>&1 || [ "$(java_major "$current_java")" -lt 25 ] 2>/dev/null; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/*25*; do
    if [ -x "$candidate/bin/java" ]; then
      export JAVA_HOME="$candidate"
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
  echo "Post Stride needs a JDK 25: install one (e.g. Temurin 25) and set JAVA_HOME." >&2
  exit 1
fi
