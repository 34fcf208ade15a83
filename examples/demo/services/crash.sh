#!/bin/sh
# A batch job that fails: logs a little, then exits with code 3.
echo "report: generating nightly report"
echo "report: connecting to warehouse at db.internal:5432"
echo "report: connection refused, giving up" >&2
exit 3
