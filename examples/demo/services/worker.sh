#!/bin/sh
# A worker that logs steadily to stdout and, every fifth job, to stderr.
trap 'echo "worker: received SIGTERM, finishing"; exit 0' TERM
n=0
while true; do
  n=$((n + 1))
  echo "worker: processed job $n"
  if [ $((n % 5)) -eq 0 ]; then
    echo "worker: job $n took longer than expected" >&2
  fi
  sleep 2 &
  wait $!
done
