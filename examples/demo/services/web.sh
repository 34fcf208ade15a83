#!/bin/sh
# A small HTTP service: answers on :8080, logs each start, exits on SIGTERM.
echo "<h1>${DEMO_NAME:-demo} is up</h1>" > /www/index.html
echo "ok" > /www/health
echo "web: serving ${DEMO_NAME:-demo} on :8080"
exec httpd -f -v -p 8080 -h /www
