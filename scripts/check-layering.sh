#!/usr/bin/env bash
# Fails when an #include points against the layering of STYLE.md:
#   codegen never includes the runtime; engineio/ never includes socketio/ or higher;
#   socketio/ and codec/ and typed/event_traits.hpp are Asio-free; adapter/ does not include
#   server/; generated headers include only typed/, codec/ and the small vocabulary headers.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
check() {  # check <description> <grep -E pattern> <paths...>
  local what=$1 pat=$2; shift 2
  local hits
  hits=$(grep -rnE "$pat" "$@" 2>/dev/null)
  if [ -n "$hits" ]; then echo "layering: $what"; echo "$hits"; fail=1; fi
}
inc='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]'
check "codegen includes the runtime" "${inc}sockspec/" codegen
check "engineio/ includes a higher layer" "${inc}sockspec/(socketio|adapter|server|client|typed)/" include/sockspec/engineio
check "socketio/ includes Asio or a higher layer" "${inc}(boost/(asio|beast)|sockspec/(engineio|adapter|server|client))" include/sockspec/socketio
check "codec/ includes Asio or a higher layer" "${inc}(boost/(asio|beast)|sockspec/(engineio|socketio|adapter|server|client))" include/sockspec/codec
check "jwt/ includes Asio or a higher layer" "${inc}(boost/asio|boost/beast/(http|websocket)|sockspec/(engineio|socketio|adapter|server|client))" include/sockspec/jwt
check "adapter/ includes Asio" "${inc}boost/(asio|beast)" include/sockspec/adapter
check "adapter/ includes server/ or client/" "${inc}sockspec/(server|client)/" include/sockspec/adapter
check "typed/event_traits.hpp is not tiny any more" "${inc}(boost/|sockspec/)" include/sockspec/typed/event_traits.hpp
check "server/ includes client/" "${inc}sockspec/client/" include/sockspec/server
check "generated code includes Asio or I/O layers" "${inc}(boost/(asio|beast)|sockspec/(engineio|socketio|adapter|server|client))" generated/cpp
if [ $fail -eq 0 ]; then echo "layering: ok"; fi
exit $fail
