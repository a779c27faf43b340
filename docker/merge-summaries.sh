#!/bin/sh
# Turns the summaries of many ws-client containers into one results table (markdown), wherever they ran:
#
#   docker service logs wsbench_ws-client 2>&1 | docker/merge-summaries.sh        (Swarm, several machines)
#   docker compose logs --no-color ws-client | docker/merge-summaries.sh          (Compose)
#   cat client-*.log | docker/merge-summaries.sh                                  (saved output, no prefixes)
#
# Input: the "ws-client ..." lines LoadClientMain prints (docker/README.md shows them), each optionally behind
# a log prefix "NAME | " (a task or container name), which tells the clients apart; without prefixes each
# "ws-client: <url> ..." line starts the next client. Output: one row per client, a total row, and the
# connections per replica summed over all clients. Exit status 1 when no summary was found or any client's
# result is not OK.
#
# The total sums what adds up (connections, echoes, wrong replies, echo rate: the clients ran side by side).
# Round-trip percentiles do not add up: a summary carries three numbers, not the histogram, so the total
# shows the worst client's p50/p99 and the overall max, labelled as such, never an average of percentiles.
set -eu
awk '
function val(s, name,   m) {
    if (match(s, "(^| )" name "=[^ ]+")) {
        m = substr(s, RSTART, RLENGTH); sub(/^ /, "", m); sub(/^[^=]*=/, "", m); sub(/\/s$/, "", m)
        return m
    }
    return ""
}
function max(a, b) { return (b + 0 > a + 0) ? b : a }
{
    line = $0; key = ""
    bar = index(line, "| ")
    if (bar > 0 && substr(line, bar + 2) ~ /^[ \t]*ws-client[: ]/) {
        key = substr(line, 1, bar - 1); sub(/[ \t]+$/, "", key)
        line = substr(line, bar + 2)
    }
    sub(/^[ \t]+/, "", line)
    if (line !~ /^ws-client[: ]/) next
    if (key == "") {
        if (line ~ /^ws-client: /) raw++
        key = "client " (raw ? raw : 1)
    }
    if (!(key in known)) { known[key] = 1; order[++clients] = key }
    if (line ~ /^ws-client: /) {
        conns[key] = line; sub(/ connections.*/, "", conns[key]); sub(/.*, /, "", conns[key])
    } else if (line ~ /^ws-client opened=/) {
        opened[key] = val(line, "opened"); failed[key] = val(line, "failed")
        echoes[key] = val(line, "echoes"); wrong[key] = val(line, "wrong"); rate[key] = val(line, "rate")
    } else if (line ~ /^ws-client rtt_us /) {
        p50[key] = val(line, "p50"); p99[key] = val(line, "p99"); top[key] = val(line, "max")
    } else if (line ~ /^ws-client replicas=/) {
        n = split(line, parts, " ")
        for (i = 3; i <= n; i++) {
            c = parts[i]; r = c; sub(/:[^:]*$/, "", r); sub(/^.*:/, "", c)
            if (!(r in perReplica)) replicaOrder[++replicas] = r
            perReplica[r] += c
        }
        spread[key] = val(line, "replicas")
    } else if (line ~ /^ws-client result=/) {
        result[key] = val(line, "result")
    }
}
function ms(us) { return us == "" ? "-" : sprintf("%.1f", us / 1000) }
END {
    if (clients == 0) { print "merge-summaries: no ws-client summary in the input" > "/dev/stderr"; exit 1 }
    print "| client | connections | opened | failed | echoes | wrong | echoes/s | rtt p50 ms | rtt p99 ms | rtt max ms | replicas | result |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    bad = 0
    for (i = 1; i <= clients; i++) {
        k = order[i]
        res = (k in result) ? result[k] : "no result"
        if (res != "OK") bad++
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", k, conns[k], opened[k], failed[k],
            echoes[k], wrong[k], rate[k], ms(p50[k]), ms(p99[k]), ms(top[k]), spread[k], res
        tc += conns[k]; to += opened[k]; tf += failed[k]; te += echoes[k]; tw += wrong[k]; tr += rate[k]
        w50 = max(w50, p50[k]); w99 = max(w99, p99[k]); tm = max(tm, top[k])
    }
    printf "| **all %d clients** | %d | %d | %d | %d | %d | %d | worst %s | worst %s | %s | %d | %s |\n", clients, tc,
        to, tf, te, tw, tr, ms(w50), ms(w99), ms(tm), replicas, bad ? bad " not OK" : "OK"
    print ""
    print "| replica | connections (all clients) |"
    print "|---|---:|"
    for (i = 1; i <= replicas; i++) printf "| %s | %d |\n", replicaOrder[i], perReplica[replicaOrder[i]]
    exit bad ? 1 : 0
}'
