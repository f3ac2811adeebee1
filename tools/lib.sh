# Shared helpers for tools/run, tools/test and .ci/run. Source it; do not run it.
# shellcheck shell=bash

UV_VERSION="0.13.8"
export UV_PYTHON_DOWNLOADS=never
export UV_LINK_MODE=copy

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# uv installs the locked dependencies; bootstrap it with pip when the machine lacks it.
ensure_uv() {
  if ! command -v uv >/dev/null 2>&1; then
    say "installing uv ${UV_VERSION}"
    python3 -m pip install --quiet "uv==${UV_VERSION}"
  fi
}

# Debian packages the project needs (gettext for translations, chromium for browser tests).
# Installed only when missing and when we may (root with apt-get); otherwise we say what to do.
ensure_debian_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "missing Debian packages (install them, e.g. sudo apt-get install ${missing[*]})"
    return 1
  fi
}

sync_python() {
  say "installing locked Python dependencies"
  # --compile-bytecode: each package's bytecode is written once, here. uv leaves it out by
  # default, and where PYTHONDONTWRITEBYTECODE is set (as on our CI machines) nothing writes it
  # later, so every process compiled every module it imported at each start: 0.6 s of a 1.2 s
  # cold start of `someluotsi check` (issue 20). A process reads bytecode wherever it exists.
  uv sync --frozen --python python3.11 --quiet --compile-bytecode
  build_native
  compile_sources
}

# The project's own bytecode, for the same reason (an edited module's stale bytecode is not
# used: Python compares the source's modification time and size).
compile_sources() {
  say "compiling the project's bytecode"
  uv run --frozen python -m compileall -q -j 0 someluotsi config
}

# The compiled language walk (someluotsi/guideline/text/langwalk.c), built with cffi and the C
# compiler. Optional: without it the engine walks in Python with the same results, slower.
build_native() {
  say "building the compiled language walk"
  if ! uv run --frozen python -m someluotsi.guideline.text.langwalk_build; then
    say "no C compiler or Python headers: the engine uses its Python walk (same results, slower)"
  fi
}

sync_node() {
  if command -v npm >/dev/null 2>&1; then
    say "installing locked npm packages (axe-core for accessibility tests)"
    npm ci --no-audit --no-fund --silent
  else
    say "npm not found: browser accessibility tests will be skipped"
  fi
}

compile_translations() {
  DJANGO_SETTINGS_MODULE=config.settings_test uv run --frozen python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  python3 - "$1" <<'PY'
import socket, sys
with socket.socket() as s:
    s.settimeout(1)
    sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
}
