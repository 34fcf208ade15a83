#!/bin/sh
# A worker that logs steadily to stdout and, every fifth job, to stderr.
# At start it also prints lines a log viewer must show as plain text: HTML,
# a script tag, links, terminal escapes (colour is allowed; cursor moves,
# line erases and OSC 8 hyperlinks must not take effect).
trap 'echo "worker: received SIGTERM, finishing"; exit 0' TERM
echo 'worker: starting <b>bold?</b> <img src=x onerror=alert(1)> <script>alert("xss")</script>'
echo 'worker: docs at https://example.com/docs, not javascript:alert(1) or mailto:ops@example.com'
printf 'worker: \033[32mcolour is fine\033[0m, \033[2K\033[1Aerase and cursor-up are not, \033]8;;javascript:alert(1)\033\\this is not a link\033]8;;\033\\\n'
printf 'worker: progress 10%%\rprogress 100%%\n'
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
