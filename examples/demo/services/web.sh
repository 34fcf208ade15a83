#!/bin/sh
# A small HTTP service: answers on :8080, logs each start, and stops at once
# on SIGTERM as a real service does (httpd as PID 1 would ignore it, so every
# stop would wait for Docker's timeout and end in SIGKILL, code 137).
echo "<h1>${DEMO_NAME:-demo} is up</h1>" > /www/index.html
echo "ok" > /www/health
echo "web: serving ${DEMO_NAME:-demo} on :8080"
httpd -f -v -p 8080 -h /www &
pid=$!
trap 'echo "web: SIGTERM received, stopping"; kill "$pid"; wait "$pid"; exit 0' TERM
wait "$pid"
