# reaper.sh PIDFILE COMMAND [ARGS...]
#
# Runs COMMAND as a child that cannot outlive the JVM that started this script. The JVM holds the write end
# of our stdin pipe and never writes to it; the read end returns EOF when the JVM closes it (a deliberate
# stop) or when the JVM is gone for any reason, including kill -9, because the kernel closes a dead
# process's descriptors. On EOF the child gets SIGTERM (a server closes its clients with 1001, nginx does
# a fast shutdown and takes its workers with it), and SIGKILL if it is still there 10 s later.
#
# Why not the alternatives: prctl(PR_SET_PDEATHSIG) is not reachable from Java or sh; a "while kill -0
# $PPID" loop polls and can be fooled by pid reuse; setsid/process groups would hide the children from a
# terminal's Ctrl-C. A pipe's EOF is immediate, needs nothing but POSIX sh, and is the same path for a
# normal close() and a crash.
pidfile=$1
shift

exec 3<&0 </dev/null            # keep the JVM's pipe on fd 3; the child reads /dev/null
"$@" 3<&- &
child=$!
echo "$child" > "$pidfile"

{
    # Stopped by us when the child exits first: the trap runs after the current read or sleep returns,
    # so no orphaned sleep outlives the watcher.
    trap 'exit 0' TERM
    while read -r _ <&3; do :; done
    kill -TERM "$child" 2>/dev/null
    tenths=0
    while kill -0 "$child" 2>/dev/null && [ "$tenths" -lt 100 ]; do
        sleep 0.1
        tenths=$((tenths + 1))
    done
    kill -KILL "$child" 2>/dev/null
} &
watcher=$!
exec 3<&-

# Our own exit mirrors the child's, so the JVM sees a server that died on its own.
wait "$child"
status=$?
kill "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null
exit "$status"
