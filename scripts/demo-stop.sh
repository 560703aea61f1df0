#!/usr/bin/env bash
# Stops the API, worker and mail catcher that `npm run demo` started, and nothing else: a PID from a pid file is
# signalled only while it is still the demo's process (node running dist/main.js or dist/worker.js,
# started from this directory). The system may have given a stale pid file's PID to another
# program since; such a file is removed and the program left alone.
set -uo pipefail
cd "$(dirname "$0")/.."
here="$(pwd -P)"

is_demo_process() { # pid entry-script
  local pid="$1" script="$2" args cwd
  [[ "$pid" =~ ^[1-9][0-9]*$ ]] || return 1
  args="$(ps -p "$pid" -o args= 2>/dev/null)" || return 1
  [[ "$args" == *node* && "$args" == *"$script"* ]] || return 1
  if [ -d "/proc/$pid" ]; then # Linux: also the working directory (unreadable: another user's process)
    cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null)" || return 1
    [ "$cwd" = "$here" ] || return 1
  fi
}

for p in api worker mail; do
  file=".demo/$p.pid"
  [ -f "$file" ] || continue
  pid="$(tr -d '[:space:]' <"$file")"
  case "$p" in
    api) script="dist/main.js" ;;
    worker) script="dist/worker.js" ;;
    mail) script="scripts/demo/mail-catcher.ts" ;;
  esac
  if is_demo_process "$pid" "$script"; then
    kill "$pid" 2>/dev/null && echo "stopped demo $p ($pid)"
    # Wait for it to go (a restarted demo needs the port); a process that ignores TERM gets KILL. The
    # worker is given what it gives its running jobs (WORKER_SHUTDOWN_GRACE_MS, 25 s, and 5 s of
    # teardown: README, "Stopping a worker"), so a pack being built is finished, not retried.
    wait_s=10
    [ "$p" = worker ] && wait_s=30
    for _ in $(seq 1 $((wait_s * 5))); do is_demo_process "$pid" "$script" || break; sleep 0.2; done
    if is_demo_process "$pid" "$script"; then kill -9 "$pid" 2>/dev/null && echo "killed demo $p ($pid): it did not stop within $wait_s s"; fi
  else
    echo "demo $p is not running (pid file .demo/$p.pid named ${pid:-nothing}, now not the demo's process); removed the pid file"
  fi
  rm -f "$file"
done
