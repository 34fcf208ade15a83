#!/bin/sh
# A service that ignores SIGTERM: stopping it takes the whole stop timeout,
# after which Docker kills it (exit code 137).
trap 'echo "gateway: SIGTERM received and ignored"' TERM
echo "gateway: listening (and ignoring SIGTERM)"
while true; do
  sleep 5 &
  wait $!
done
