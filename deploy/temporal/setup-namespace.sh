#!/bin/sh
# One-shot in temporalio/admin-tools, once the server serves: makes sure the namespace exists and carries the custom
# search attributes Escalade's workflows upsert and the UI filters on (SEARCH_ATTRIBUTES: `Name=Type`, space-separated).
# Idempotent: an existing namespace is kept, an attribute already registered is skipped.
set -eu

: "${TEMPORAL_ADDRESS:?}" "${NAMESPACE:?}" "${SEARCH_ATTRIBUTES:?}"

# retry WHAT COMMAND…: the server may still be starting, a new namespace takes a few seconds to be seen everywhere.
retry() {
  what=$1
  shift
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 60 ]; then
      echo "gave up: $what" >&2
      exit 1
    fi
    attempt=$((attempt + 1))
    sleep 2
  done
}

namespace_exists() {
  temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1 ||
    temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" --retention "${NAMESPACE_RETENTION:-72h}"
}

all_registered() {
  listed=$(temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE") || return 1
  for attribute in $SEARCH_ATTRIBUTES; do
    echo "$listed" | grep -qw "${attribute%%=*}" || return 1
  done
}

retry "Temporal serving at $TEMPORAL_ADDRESS" temporal operator cluster health --address "$TEMPORAL_ADDRESS"
retry "namespace $NAMESPACE" namespace_exists

set --
for attribute in $SEARCH_ATTRIBUTES; do
  set -- "$@" --name "${attribute%%=*}" --type "${attribute#*=}"
done
retry "search attributes $SEARCH_ATTRIBUTES" temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" "$@"
retry "search attributes listed in $NAMESPACE" all_registered
echo "namespace $NAMESPACE is ready, with search attributes: $SEARCH_ATTRIBUTES"
