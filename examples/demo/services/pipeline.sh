#!/bin/sh
# One step of the demo's daily orders pipeline (import -> clean -> report),
# its data in a volume the three steps share (PIPELINE_DATA, /data).
#   import: writes today's orders (yesterday's exchange rates are out of
#           date: it removes them);
#   clean:  drops the cancelled ones (fails when there is nothing to clean);
#   report: needs today's exchange rates. When they are missing it fails
#           with code 3 and asks for them, so that a run again from the
#           report succeeds. Each pipeline run so fails at the report once:
#           a failure to look at and run again from.
data=${PIPELINE_DATA:-/data}
step=${1:?usage: pipeline.sh import|clean|report}
mkdir -p "$data"
case "$step" in
  import)
    echo "import: reading today's orders from the shop"
    rm -f "$data/rates.csv"
    : >"$data/orders.csv"
    for n in 1 2 3 4 5 6; do
      status=paid
      [ $((n % 3)) -eq 0 ] && status=cancelled
      echo "order-$n,$status,$((n * 7)).50" >>"$data/orders.csv"
    done
    echo "import: wrote $(wc -l <"$data/orders.csv") orders to $data/orders.csv"
    ;;
  clean)
    if [ ! -s "$data/orders.csv" ]; then
      echo "clean: ERROR no orders to clean in $data/orders.csv: did the import run?" >&2
      exit 2
    fi
    grep -v ',cancelled,' "$data/orders.csv" >"$data/orders.clean.csv"
    echo "clean: kept $(wc -l <"$data/orders.clean.csv") of $(wc -l <"$data/orders.csv") orders (dropped the cancelled ones)"
    ;;
  report)
    if [ ! -s "$data/orders.clean.csv" ]; then
      echo "report: ERROR no clean orders in $data/orders.clean.csv: did the clean step run?" >&2
      exit 2
    fi
    if [ ! -f "$data/rates.csv" ]; then
      echo "report: loading $(wc -l <"$data/orders.clean.csv") clean orders"
      echo "report: ERROR today's exchange rates are missing ($data/rates.csv); asked the rates service for them: run the report again" >&2
      echo "EUR,1.00" >"$data/rates.csv"
      exit 3
    fi
    echo "report: loading $(wc -l <"$data/orders.clean.csv") clean orders"
    echo "report: converted with today's rates; the daily orders report is ready"
    ;;
  *)
    echo "pipeline.sh: unknown step $step" >&2
    exit 64
    ;;
esac
